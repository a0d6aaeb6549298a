package dev.scratchnet.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model must know about its data besides the numbers: what the data set is called, the name
 * of each class (class {@code i} is output {@code i}), how many values one input has, their image
 * geometry if the inputs are images, and the preprocessing that turns raw values into inputs.
 *
 * <p>Every loader returns one with its data ({@link LabelledData}), so the command line can print
 * "Ankle boot" instead of "9", feed the right shape to image layers, and store all of it in the
 * model file ({@link #writeTo} and {@link #readFrom} give a compact binary form for that).
 *
 * @param name          a short human name, for example {@code "Fashion-MNIST"} or a file or folder name
 * @param classNames    the class names in output order; at least 2, none blank, no duplicates; copied
 * @param inputSize     values per input, at least 1; {@code image.size()} for images
 * @param image         the geometry of an image input, or null for inputs that are not images (CSV)
 * @param preprocessing raw values to inputs
 */
public record DatasetInfo(String name, List<String> classNames, int inputSize, ImageGeometry image,
                          Preprocessing preprocessing) {
    /**
     * Checks the fields.
     *
     * @param name a short human name
     * @param classNames the class names in output order; copied
     * @param inputSize values per input
     * @param image the image geometry, or null
     * @param preprocessing raw values to inputs
     * @throws IllegalArgumentException if there are fewer than 2 classes, a name is blank or repeated,
     *                                  the input size is below 1, or it differs from the image size
     */
    public DatasetInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(preprocessing, "preprocessing");
        classNames = List.copyOf(classNames);
        if (classNames.size() < 2) {
            throw new IllegalArgumentException("a classification data set needs at least 2 classes, got "
                    + classNames);
        }
        if (classNames.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("class names must not be blank, got " + classNames);
        }
        if (classNames.stream().distinct().count() != classNames.size()) {
            throw new IllegalArgumentException("class names must be distinct, got " + classNames);
        }
        if (inputSize < 1) {
            throw new IllegalArgumentException("input size must be at least 1, got " + inputSize);
        }
        if (image != null && image.size() != inputSize) {
            throw new IllegalArgumentException("input size " + inputSize + " differs from image " + image
                    + " = " + image.size() + " values");
        }
    }

    /** @return the number of classes, which is the number of network outputs */
    public int classes() {
        return classNames.size();
    }

    /** @return the image geometry, or empty for inputs that are not images */
    public Optional<ImageGeometry> imageGeometry() {
        return Optional.ofNullable(image);
    }

    /**
     * @param label a class index
     * @return its name
     * @throws IndexOutOfBoundsException if the label is not a class index
     */
    public String className(int label) {
        return classNames.get(label);
    }

    /**
     * @param fitted the preprocessing now in effect
     * @return a copy with that preprocessing
     */
    public DatasetInfo withPreprocessing(Preprocessing fitted) {
        return new DatasetInfo(name, classNames, inputSize, image, fitted);
    }

    /** Version of the binary form written by {@link #writeTo}. */
    static final int FORMAT_VERSION = 1;

    /** More classes than any label file or folder tree can hold; a larger count means damaged bytes. */
    static final int MAX_CLASSES = 1 << 16;

    /**
     * Writes the description in a compact binary form, for a model file to embed: a version byte,
     * the name, the class count and names (modified UTF-8, as {@link DataOutput#writeUTF}), the
     * input size, the image geometry if any, the scale, and the standardization's means and
     * deviations. {@link #readFrom} reads it back.
     *
     * @param out where to write; not closed
     * @throws IOException if writing fails
     */
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeUTF(name);
        out.writeInt(classNames.size());
        for (String className : classNames) {
            out.writeUTF(className);
        }
        out.writeInt(inputSize);
        out.writeBoolean(image != null);
        if (image != null) {
            out.writeInt(image.channels());
            out.writeInt(image.height());
            out.writeInt(image.width());
        }
        out.writeFloat(preprocessing.scale());
        float[] mean = preprocessing.standardization().mean();
        float[] std = preprocessing.standardization().std();
        out.writeInt(mean.length);
        for (float m : mean) {
            out.writeFloat(m);
        }
        for (float s : std) {
            out.writeFloat(s);
        }
    }

    /**
     * Reads a description written by {@link #writeTo}, checking every value before it allocates, so
     * damaged bytes fail with a message rather than a huge array.
     *
     * @param in where to read from; not closed
     * @return the description
     * @throws DataFormatException if the bytes are not a valid description (other version, bad counts
     *                             or values)
     * @throws IOException         if reading fails, including an early end of the data
     */
    public static DatasetInfo readFrom(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != FORMAT_VERSION) {
            throw new DataFormatException("The data description has format version " + version
                    + " but this Scratchnet reads version " + FORMAT_VERSION + "; use the Scratchnet that wrote it.");
        }
        String name = in.readUTF();
        int classes = in.readInt();
        if (classes < 2 || classes > MAX_CLASSES) {
            throw damaged(classes + " classes");
        }
        List<String> classNames = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            classNames.add(in.readUTF());
        }
        int inputSize = in.readInt();
        ImageGeometry image = null;
        if (in.readBoolean()) {
            int channels = in.readInt();
            int height = in.readInt();
            int width = in.readInt();
            if (channels < 1 || height < 1 || width < 1 || (long) channels * height * width != inputSize) {
                throw damaged("image " + channels + "×" + height + "×" + width + " for " + inputSize + " inputs");
            }
            image = new ImageGeometry(channels, height, width);
        }
        float scale = in.readFloat();
        int length = in.readInt();
        if (length != 1 && length != inputSize) {
            throw damaged("a standardization of " + length + " values for " + inputSize + " inputs");
        }
        float[] mean = readFloats(in, length);
        float[] std = readFloats(in, length);
        try {
            return new DatasetInfo(name, classNames, inputSize, image,
                    new Preprocessing(scale, new Standardization(mean, std)));
        } catch (IllegalArgumentException e) {
            throw new DataFormatException("The data description is damaged: " + e.getMessage()
                    + "; save the model again.", e);
        }
    }

    /** {@code n} floats; the array grows as they arrive, so a damaged count cannot allocate gigabytes. */
    private static float[] readFloats(DataInput in, int n) throws IOException {
        float[] values = new float[Math.min(n, 1 << 12)];
        for (int j = 0; j < n; j++) {
            if (j == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(n, 2L * values.length));
            }
            values[j] = in.readFloat();
        }
        return values;
    }

    private static DataFormatException damaged(String what) {
        return new DataFormatException("The data description is damaged: it declares " + what
                + "; save the model again.");
    }
}
