package dev.scratchnet.data;

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
 * model file.
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
}
