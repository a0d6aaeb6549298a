package dev.scratchnet.data;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Splits a dataset into a training part and a held-out test part; see {@link LabelledData#withHeldOutTest}. */
final class HoldOut {
    private HoldOut() {
    }

    /** @return {training part, test part}, each keeping the original order of its examples */
    static Dataset[] split(Dataset data, double testFraction, RandomGenerator random, boolean stratified) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must be between 0 and 1 (exclusive), got "
                    + testFraction);
        }
        if (stratified && !data.hasLabels()) {
            throw new IllegalArgumentException("a stratified split needs class labels; this dataset has none");
        }
        boolean[] held = new boolean[data.size()];
        if (stratified) {
            for (int[] members : membersByClass(data)) {
                choose(members, (int) Math.round(members.length * testFraction), random, held);
            }
        } else {
            int[] all = new int[data.size()];
            Arrays.setAll(all, i -> i);
            choose(all, (int) Math.round(all.length * testFraction), random, held);
        }
        int testCount = 0;
        for (boolean h : held) {
            testCount += h ? 1 : 0;
        }
        if (testCount == 0 || testCount == data.size()) {
            throw new IllegalArgumentException("holding out " + testFraction + " of " + data.size()
                    + " examples leaves " + (testCount == 0 ? "no test" : "no training")
                    + " examples; use a fraction that keeps both parts non-empty, or give a test file");
        }
        int[] trainIndices = new int[data.size() - testCount];
        int[] testIndices = new int[testCount];
        for (int i = 0, a = 0, b = 0; i < held.length; i++) {
            if (held[i]) {
                testIndices[b++] = i;
            } else {
                trainIndices[a++] = i;
            }
        }
        return new Dataset[] {data.select(trainIndices), data.select(testIndices)};
    }

    /** Marks {@code count} of {@code candidates}, drawn without replacement by a partial Fisher–Yates shuffle. */
    private static void choose(int[] candidates, int count, RandomGenerator random, boolean[] held) {
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(candidates.length - i);
            int swap = candidates[i];
            candidates[i] = candidates[j];
            candidates[j] = swap;
            held[candidates[i]] = true;
        }
    }

    /** The example indices of each class, in order. */
    private static int[][] membersByClass(Dataset data) {
        int[] counts = data.classCounts();
        int[][] members = new int[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            members[c] = new int[counts[c]];
        }
        int[] filled = new int[counts.length];
        int[] labels = data.labels();
        for (int i = 0; i < labels.length; i++) {
            members[labels[i]][filled[labels[i]]++] = i;
        }
        return members;
    }
}
