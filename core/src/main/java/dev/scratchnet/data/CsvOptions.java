package dev.scratchnet.data;

/**
 * How to read a CSV file of labelled examples; see {@link CsvDataset}. Start from {@link #DEFAULTS}
 * and change what differs:
 * <pre>{@code
 * CsvOptions.DEFAULTS.withLabelColumn("species").withDelimiter(';')
 * }</pre>
 *
 * @param labelColumnName  the header name of the label column, or null to choose it by index
 * @param labelColumnIndex the label column counted from 0, or from the end if negative (-1 is the
 *                         last column); used when {@code labelColumnName} is null
 * @param header           whether the first line names the columns
 * @param delimiter        ',', ';' or '\t', or 0 to detect it from the first line
 * @param scale            multiplies every feature as it is read (1/255 turns pixels into [0, 1]);
 *                         finite and non-zero
 */
public record CsvOptions(String labelColumnName, int labelColumnIndex, Header header, char delimiter, float scale) {
    /** Label in the first column, header detected, delimiter detected, features as they are. */
    public static final CsvOptions DEFAULTS = new CsvOptions(null, 0, Header.DETECT, (char) 0, 1f);

    /** Whether the first line is a header. */
    public enum Header {
        /**
         * A header if any of its feature cells is not a number (a data line has only numeric features).
         * A header whose names are all numbers is read as data: say {@link #PRESENT} then.
         */
        DETECT,
        /** The first line names the columns. */
        PRESENT,
        /** The first line is an example. */
        ABSENT
    }

    /**
     * Checks the options.
     *
     * @param labelColumnName the header name of the label column, or null
     * @param labelColumnIndex the label column from 0, or from the end if negative
     * @param header whether the first line is a header
     * @param delimiter ',', ';', '\t', or 0 to detect it
     * @param scale multiplies every feature
     * @throws IllegalArgumentException if the delimiter is not one of the supported ones, the scale is
     *                                  zero or not finite, or a name is given without a header
     */
    public CsvOptions {
        if (header == null) {
            throw new IllegalArgumentException("CSV options need a header mode (DETECT, PRESENT or ABSENT)");
        }
        if (delimiter != 0 && delimiter != ',' && delimiter != ';' && delimiter != '\t') {
            throw new IllegalArgumentException("the CSV delimiter must be ',', ';' or a tab, got '" + delimiter + "'");
        }
        if (!Float.isFinite(scale) || scale == 0f) {
            throw new IllegalArgumentException("the CSV scale must be finite and non-zero, got " + scale);
        }
        if (labelColumnName != null && labelColumnName.isBlank()) {
            throw new IllegalArgumentException("the label column name must not be blank");
        }
        if (labelColumnName != null && header == Header.ABSENT) {
            throw new IllegalArgumentException("the label column \"" + labelColumnName
                    + "\" is chosen by name, which needs a header line; choose it by index instead");
        }
    }

    /**
     * @param name the header name of the label column
     * @return these options with the label column chosen by name
     */
    public CsvOptions withLabelColumn(String name) {
        return new CsvOptions(name, 0, header, delimiter, scale);
    }

    /**
     * @param index the label column counted from 0, or from the end if negative (-1 is the last)
     * @return these options with the label column chosen by position
     */
    public CsvOptions withLabelColumn(int index) {
        return new CsvOptions(null, index, header, delimiter, scale);
    }

    /**
     * The label column as a command line gives it: a whole number is an index, anything else a name.
     *
     * @param nameOrIndex for example {@code "species"}, {@code "0"} or {@code "-1"}
     * @return these options with that label column
     */
    public CsvOptions withLabelColumnSpec(String nameOrIndex) {
        String spec = nameOrIndex.strip();
        return spec.matches("-?\\d{1,9}") ? withLabelColumn(Integer.parseInt(spec)) : withLabelColumn(spec);
    }

    /**
     * @param mode whether the first line is a header
     * @return these options with that header mode
     */
    public CsvOptions withHeader(Header mode) {
        return new CsvOptions(labelColumnName, labelColumnIndex, mode, delimiter, scale);
    }

    /**
     * @param separator ',', ';' or '\t', or 0 to detect it
     * @return these options with that delimiter
     */
    public CsvOptions withDelimiter(char separator) {
        return new CsvOptions(labelColumnName, labelColumnIndex, header, separator, scale);
    }

    /**
     * @param factor multiplies every feature as it is read
     * @return these options with that scale
     */
    public CsvOptions withScale(float factor) {
        return new CsvOptions(labelColumnName, labelColumnIndex, header, delimiter, factor);
    }
}
