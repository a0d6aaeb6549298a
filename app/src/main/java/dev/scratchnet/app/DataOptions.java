package dev.scratchnet.app;

import dev.scratchnet.data.CsvOptions;
import dev.scratchnet.data.ImageOptions;
import dev.scratchnet.data.Standardization;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The flags of {@code train} that say where the examples come from and how to prepare them. The
 * kind of source is told from {@code --data} itself ({@link DataSource}); the flags for the other
 * kinds are refused rather than ignored.
 */
final class DataOptions {
    static final double DEFAULT_TEST_FRACTION = 0.1;
    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})[x×](\\d{1,5})");

    @Option(names = "--data", paramLabel = "PATH", description = "The training data: a folder of IDX files (MNIST, "
            + "Fashion-MNIST, any image size), a .csv file (label in the first column unless --label-column), or a "
            + "folder with one sub-folder of pictures per class (default $SCRATCHNET_DATA, else data/mnist).")
    Path data;

    @Option(names = "--test-data", paramLabel = "PATH", description = "A test set in the same form as --data (a .csv "
            + "file or a folder of class folders); without one, an IDX folder's t10k files, else --test-fraction.")
    Path testData;

    @Option(names = "--test-fraction", paramLabel = "F", description = "Share of the training examples held out as the "
            + "test set when the data has none, drawn per class with --seed (default 0.1).")
    Double testFraction;

    @Option(names = "--label-column", paramLabel = "NAME|INDEX", description = "CSV: the label column, by header name or "
            + "by index from 0 (-1 is the last) (default 0).")
    String labelColumn;

    @Option(names = "--scale", paramLabel = "F", description = "CSV: multiply every feature by F as it is read, "
            + "before any standardization; a fraction like 1/255 turns 0..255 pixels into 0..1 as the IDX loader does "
            + "(default 1).")
    String scale;

    @Option(names = "--image-size", paramLabel = "HxW", description = "Picture folders: resize every picture to this "
            + "size, e.g. 32x32 (default the first picture's size, which all must then have).")
    String imageSize;

    @Option(names = "--channels", paramLabel = "C", description = "Picture folders: gray (1 channel) or rgb (3) "
            + "(default gray).")
    String channels;

    @Option(names = "--standardize", paramLabel = "MODE", description = "Fit on the training set and apply to both: "
            + "none, global (one mean and deviation) or per-feature (default per-feature for CSV, none for pictures, "
            + "which are scaled to 0..1).")
    String standardize;

    /** Checks the values that make sense without the data. */
    void validate(Validation v) {
        if (testFraction != null) {
            v.require(testFraction > 0 && testFraction < 1, "--test-fraction must be between 0 and 1 (exclusive), got "
                    + Validation.format(testFraction));
        }
        v.require(imageSize == null || SIZE.matcher(imageSize.trim()).matches() && size()[0] > 0 && size()[1] > 0,
                "--image-size must be HEIGHTxWIDTH with both at least 1, for example 28x28, got '" + imageSize + "'");
        v.require(scale == null || scaleOrNaN() != 0 && Float.isFinite(scaleOrNaN()),
                "--scale must be a non-zero number or fraction like 1/255, got '" + scale + "'");
        v.require(channels == null || colorOrNull() != null, "--channels must be gray or rgb, got '" + channels + "'");
        v.require(standardize == null || modeOrNull() != null,
                "--standardize must be none, global or per-feature, got '" + standardize + "'");
    }

    /** CSV: the label column and the scale; header and delimiter detected. */
    CsvOptions csv() {
        CsvOptions options = labelColumn == null ? CsvOptions.DEFAULTS
                : CsvOptions.DEFAULTS.withLabelColumnSpec(labelColumn.trim());
        return scale == null ? options : new CsvOptions(options.labelColumnName(), options.labelColumnIndex(),
                options.header(), options.delimiter(), scaleOrNaN());
    }

    /**
     * The scale as a float; a fraction is divided in float arithmetic, so {@code 1/255} is exactly the
     * IDX loader's {@code 1f / 255f}. NaN if it is not a number.
     */
    float scaleOrNaN() {
        try {
            String[] parts = scale.trim().split("/", -1);
            return switch (parts.length) {
                case 1 -> Float.parseFloat(parts[0]);
                case 2 -> Float.parseFloat(parts[0]) / Float.parseFloat(parts[1]);
                default -> Float.NaN;
            };
        } catch (NumberFormatException e) {
            return Float.NaN;
        }
    }

    /** Picture folders: the channels and the size. */
    ImageOptions images() {
        ImageOptions options = ImageOptions.DEFAULTS;
        if (channels != null) {
            options = options.withColor(colorOrNull());
        }
        if (imageSize != null) {
            options = options.withSize(size()[0], size()[1]);
        }
        return options;
    }

    /** @return the standardization asked for, or {@code fallback} (the source's own choice) */
    Standardization.Mode standardization(Standardization.Mode fallback) {
        return standardize == null ? fallback : modeOrNull();
    }

    double testFraction() {
        return testFraction != null ? testFraction : DEFAULT_TEST_FRACTION;
    }

    private int[] size() {
        Matcher m = SIZE.matcher(imageSize.trim());
        m.matches();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private ImageOptions.Color colorOrNull() {
        return switch (channels.trim().toLowerCase(Locale.ROOT)) {
            case "gray", "grey", "grayscale" -> ImageOptions.Color.GRAYSCALE;
            case "rgb", "color", "colour" -> ImageOptions.Color.RGB;
            default -> null;
        };
    }

    private Standardization.Mode modeOrNull() {
        return switch (standardize.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> Standardization.Mode.NONE;
            case "global" -> Standardization.Mode.GLOBAL;
            case "per-feature" -> Standardization.Mode.PER_FEATURE;
            default -> null;
        };
    }
}
