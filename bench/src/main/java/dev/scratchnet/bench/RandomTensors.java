package dev.scratchnet.bench;

import dev.scratchnet.tensor.Tensor;
import java.util.random.RandomGenerator;

/** Seeded random inputs, so every run of a benchmark sees the same numbers. */
final class RandomTensors {
    private RandomTensors() {
    }

    /** @return a rows × cols tensor of values uniform in [lo, hi) */
    static Tensor uniform(int rows, int cols, float lo, float hi, RandomGenerator random) {
        Tensor t = new Tensor(rows, cols);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = lo + (hi - lo) * random.nextFloat();
        }
        return t;
    }

    /** @return rows one-hot rows of the given width, with random hot columns */
    static Tensor oneHot(int rows, int classes, RandomGenerator random) {
        Tensor t = new Tensor(rows, classes);
        for (int r = 0; r < rows; r++) {
            t.set(r, random.nextInt(classes), 1f);
        }
        return t;
    }
}
