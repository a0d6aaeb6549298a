package dev.scratchnet.data;

import dev.scratchnet.tensor.Tensor;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads pictures sorted into one sub-folder per class, the convention of torchvision's
 * {@code ImageFolder}:
 * <pre>
 * pets/cat/001.png   pets/cat/002.jpg   pets/dog/a.png   …
 * </pre>
 *
 * <ul>
 *   <li>The class names are the sub-folder names, sorted ({@link String#compareTo}); hidden folders
 *       (starting with '.') are ignored. Class {@code i} is the {@code i}-th name.</li>
 *   <li>Pictures are the files ending in .png, .jpg, .jpeg, .gif or .bmp (any case) anywhere below a
 *       class folder, read in sorted path order; other and hidden files are skipped. A GIF gives its
 *       first frame.</li>
 *   <li>Each picture becomes grayscale (1 channel) or RGB (3 channels, one plane after the other),
 *       values in [0, 1] (8-bit samples / 255, so a PNG of MNIST digits gives exactly the IDX inputs);
 *       alpha is ignored.</li>
 *   <li>Size: given in {@link ImageOptions}, or the first picture's; without a given size all pictures
 *       must have the same size. Resizing averages areas when shrinking and interpolates bilinearly
 *       when growing ({@link Resampler}).</li>
 * </ul>
 *
 * <p>Errors name the folder or picture: no class folders, a class folder without pictures, a picture
 * that cannot be decoded or is damaged (a decoder warning such as a JPEG's premature end counts), a
 * picture of another size when no size was given.
 */
public final class ImageFolderDataset {
    private ImageFolderDataset() {
    }

    /**
     * Loads a training folder and, optionally, a test folder with the same class names.
     *
     * @param train      a folder of class folders
     * @param testOrNull a folder of class folders whose names are among the training ones, or null
     * @param options    grayscale or RGB, and the size
     * @return the pictures, with class names, their geometry, and {@link Preprocessing#PIXELS}
     * @throws FileNotFoundException if a folder does not exist
     * @throws DataFormatException   if the folders or pictures are not usable; the message names which
     * @throws IOException           if a file cannot be read
     */
    public static LabelledData load(Path train, Path testOrNull, ImageOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        List<Path> classFolders = classFolders(train);
        List<String> classNames = classFolders.stream().map(p -> p.getFileName().toString()).toList();
        if (classNames.size() < 2) {
            throw new DataFormatException("Image folder " + train + " has one class folder, " + classFolders.get(0)
                    + "; a classifier needs at least 2, one sub-folder per class.");
        }
        List<List<Path>> pictures = new ArrayList<>();
        for (Path folder : classFolders) {
            pictures.add(pictures(folder));
        }
        ImageGeometry geometry = null;
        if (options.hasSize()) {
            geometry = new ImageGeometry(options.color().channels(), options.height(), options.width());
        }
        Loaded loaded = read(train, classNames.size(), pictures, options.color(), geometry, options.hasSize(), null);
        DatasetInfo info = new DatasetInfo(String.valueOf(train.toAbsolutePath().normalize().getFileName()),
                classNames, loaded.geometry().size(), loaded.geometry(), Preprocessing.PIXELS);
        Dataset testSet = testOrNull == null ? null
                : loadScaled(testOrNull, info, options.hasSize(), "the training pictures");
        return new LabelledData(loaded.data(), testSet, info);
    }

    /**
     * Loads a folder prepared as a trained model expects it, for evaluation: class folders among its
     * classes, pictures resized to its geometry, its preprocessing applied.
     *
     * @param dir  a folder of class folders
     * @param info the description the model was trained with; needs an image geometry of 1 or 3 channels
     * @return the prepared pictures, with {@code info.classes()} classes
     * @throws FileNotFoundException if the folder does not exist
     * @throws DataFormatException   if the folders or pictures are not usable
     * @throws IOException           if a file cannot be read
     */
    public static Dataset load(Path dir, DatasetInfo info) throws IOException {
        return info.preprocessing().applyToLoaded(loadScaled(dir, info, true, null));
    }

    /**
     * One picture as a model input before standardization: converted and resized to {@code geometry},
     * values in [0, 1]. Apply the model's {@link Standardization} to the result.
     *
     * @param picture  a PNG, JPEG, GIF or BMP file
     * @param geometry 1 (grayscale) or 3 (RGB) channels, and the size
     * @return channels × height × width values, channel-major
     * @throws DataFormatException if the picture cannot be decoded or is damaged
     * @throws IOException         if it cannot be read
     */
    public static float[] readPicture(Path picture, ImageGeometry geometry) throws IOException {
        float[] out = new float[geometry.size()];
        PictureReader.Picture decoded = PictureReader.read(picture);
        convert(decoded, color(geometry), geometry, out, 0);
        return out;
    }

    /** A folder's class folders, loaded with the classes and geometry of {@code info}; only scaled. */
    private static Dataset loadScaled(Path dir, DatasetInfo info, boolean resize, String sizeSource)
            throws IOException {
        ImageGeometry geometry = info.image();
        if (geometry == null) {
            throw new IllegalArgumentException("the model was trained on " + info.inputSize()
                    + " inputs that are not images, so it cannot read an image folder");
        }
        List<Path> folders = classFolders(dir);
        List<List<Path>> pictures = new ArrayList<>();
        for (int c = 0; c < info.classes(); c++) {
            pictures.add(List.of());
        }
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            int label = info.classNames().indexOf(name);
            if (label < 0) {
                throw new DataFormatException("Class folder " + folder + " is not one of the " + info.classes()
                        + " classes of the training data (" + CsvReader.list(info.classNames(), 10)
                        + "); remove it or add the class to the training data.");
            }
            pictures.set(label, pictures(folder));
        }
        return read(dir, info.classes(), pictures, color(geometry), geometry, resize, sizeSource).data();
    }

    private static ImageOptions.Color color(ImageGeometry geometry) {
        return switch (geometry.channels()) {
            case 1 -> ImageOptions.Color.GRAYSCALE;
            case 3 -> ImageOptions.Color.RGB;
            default -> throw new IllegalArgumentException("pictures have 1 (grayscale) or 3 (RGB) channels, not "
                    + geometry.channels());
        };
    }

    /** The sorted, visible sub-folders of {@code dir}. */
    private static List<Path> classFolders(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new FileNotFoundException("Image folder " + dir + " does not exist; give a folder with one"
                    + " sub-folder of pictures per class.");
        }
        List<Path> folders;
        try (Stream<Path> children = Files.list(dir)) {
            folders = children.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .collect(Collectors.toList());
        }
        if (folders.isEmpty()) {
            throw new DataFormatException("Image folder " + dir + " has no class folders; put the pictures of each"
                    + " class in a sub-folder named after the class.");
        }
        return folders;
    }

    /** The pictures below a class folder, in sorted path order; at least one. */
    private static List<Path> pictures(Path classFolder) throws IOException {
        List<Path> pictures;
        try (Stream<Path> files = Files.walk(classFolder)) {
            pictures = files.filter(Files::isRegularFile).filter(PictureReader::isPicture)
                    .filter(p -> !hidden(classFolder.relativize(p)))
                    .sorted((a, b) -> a.toString().compareTo(b.toString()))
                    .collect(Collectors.toList());
        }
        if (pictures.isEmpty()) {
            throw new DataFormatException("Class folder " + classFolder + " has no pictures (files ending in "
                    + String.join(", ", PictureReader.EXTENSIONS) + "); add some or remove the folder.");
        }
        return pictures;
    }

    /** The pictures of a folder and the geometry they were read at. */
    private record Loaded(Dataset data, ImageGeometry geometry) {
    }

    /** True if a part of the path starts with '.', like .git or .thumbnails. */
    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes every picture into one array. With {@code geometry} null, the first picture sets it and
     * every other must match; otherwise each is resized to it (if {@code resize}) or must match what
     * {@code sizeSource} names.
     */
    private static Loaded read(Path dir, int classes, List<List<Path>> pictures, ImageOptions.Color color,
                               ImageGeometry geometry, boolean resize, String sizeSource) throws IOException {
        int count = pictures.stream().mapToInt(List::size).sum();
        if (count == 0) {
            throw new DataFormatException("Image folder " + dir + " has no pictures in its class folders; add some.");
        }
        int[] labels = new int[count];
        float[] values = null;
        Path first = null;
        int i = 0;
        for (int label = 0; label < pictures.size(); label++) {
            for (Path file : pictures.get(label)) {
                PictureReader.Picture picture = PictureReader.read(file);
                if (geometry == null) {
                    geometry = new ImageGeometry(color.channels(), picture.height(), picture.width());
                }
                if (first == null) {
                    first = file;
                }
                if (!resize && (picture.height() != geometry.height() || picture.width() != geometry.width())) {
                    throw new DataFormatException("Picture " + file + " is " + picture.height() + "×" + picture.width()
                            + " pixels but " + (sizeSource != null ? sizeSource + " are" : "the first picture, " + first + ", is")
                            + " " + geometry.height() + "×" + geometry.width()
                            + "; give an image size to resize them all.");
                }
                if (values == null) {
                    if ((long) count * geometry.size() > IdxReader.MAX_DATA_BYTES) {
                        throw new DataFormatException("Image folder " + dir + " holds " + count + " pictures of " + geometry
                                + " values, too many for one array; give a smaller image size.");
                    }
                    values = new float[count * geometry.size()];
                }
                convert(picture, color, geometry, values, i * geometry.size());
                labels[i++] = label;
            }
        }
        Tensor inputs = Tensor.wrap(count, geometry.size(), values);
        return new Loaded(new Dataset(inputs, Dataset.oneHot(labels, classes), labels, classes), geometry);
    }

    /** Channel planes at the picture's size, resized plane by plane, copied into {@code out} at {@code offset}. */
    private static void convert(PictureReader.Picture picture, ImageOptions.Color color, ImageGeometry geometry,
                                float[] out, int offset) {
        int h = picture.height();
        int w = picture.width();
        float[] planes = PictureReader.planes(picture.image(), color);
        int planeSize = geometry.height() * geometry.width();
        for (int c = 0; c < color.channels(); c++) {
            float[] plane = new float[h * w];
            System.arraycopy(planes, c * h * w, plane, 0, h * w);
            float[] resized = Resampler.resize(plane, h, w, geometry.height(), geometry.width());
            System.arraycopy(resized, 0, out, offset + c * planeSize, planeSize);
        }
    }
}
