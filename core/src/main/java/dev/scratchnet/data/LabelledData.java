package dev.scratchnet.data;

import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What a loader returns: the training set, the test set if the source has one, and the
 * {@link DatasetInfo} that describes both.
 *
 * <p>The usual preparation before training is two calls, both fitted on the training set only:
 * <pre>{@code
 * LabelledData data = CsvDataset.load(file, null, CsvOptions.DEFAULTS)
 *         .withHeldOutTest(0.1, new SplittableRandom(seed), true)   // when there is no test file
 *         .standardized(Standardization.Mode.PER_FEATURE);
 * }</pre>
 *
 * @param train the training examples
 * @param test  the test examples, or null if the source has none
 * @param info  class names, input shape and preprocessing, shared by both sets
 */
public record LabelledData(Dataset train, Dataset test, DatasetInfo info) {
    /**
     * Checks that both sets match the description.
     *
     * @param train the training examples
     * @param test the test examples, or null
     * @param info the description of both
     * @throws IllegalArgumentException if a set has another input size or class count than {@code info}
     */
    public LabelledData {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(info, "info");
        check("training", train, info);
        if (test != null) {
            check("test", test, info);
        }
    }

    private static void check(String which, Dataset set, DatasetInfo info) {
        if (set.inputSize() != info.inputSize() || set.classes() != info.classes()) {
            throw new IllegalArgumentException("the " + which + " set has " + set.inputSize() + " inputs and "
                    + set.classes() + " classes but its description has " + info.inputSize() + " and "
                    + info.classes());
        }
    }

    /** @return the test set, or empty if the source has none */
    public Optional<Dataset> testSet() {
        return Optional.ofNullable(test);
    }

    /**
     * Holds out part of the training set as the test set, if there is no test set yet. With
     * {@code stratified}, each class gives the same fraction (rounded per class), so a rare class
     * appears in both parts; without it, the examples are drawn from the whole set. Both parts keep
     * the original order of their examples.
     *
     * @param testFraction the share of examples to hold out, in (0, 1)
     * @param random       the seeded source of the draw
     * @param stratified   whether to hold out the same fraction of every class
     * @return this if there already is a test set, else the split
     * @throws IllegalArgumentException if the fraction is outside (0, 1) or leaves a part empty
     */
    public LabelledData withHeldOutTest(double testFraction, RandomGenerator random, boolean stratified) {
        if (test != null) {
            return this;
        }
        Dataset[] parts = HoldOut.split(train, testFraction, random, stratified);
        return new LabelledData(parts[0], parts[1], info);
    }

    /**
     * Fits a standardization on the training set and applies it to both sets, recording it in the
     * info's preprocessing.
     *
     * @param mode which standardization to fit; {@link Standardization.Mode#NONE} returns this
     * @return the standardized data
     * @throws IllegalStateException if the data is already standardized
     */
    public LabelledData standardized(Standardization.Mode mode) {
        if (mode == Standardization.Mode.NONE) {
            return this;
        }
        if (!info.preprocessing().standardization().isIdentity()) {
            throw new IllegalStateException("the data is already standardized ("
                    + info.preprocessing().standardization() + "); standardize once");
        }
        Standardization fitted = mode.fit(train.inputs());
        Preprocessing preprocessing = info.preprocessing().withStandardization(fitted);
        return new LabelledData(fitted.apply(train), test == null ? null : fitted.apply(test),
                info.withPreprocessing(preprocessing));
    }
}
