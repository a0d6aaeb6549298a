package dev.scratchnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SineRegressionExampleTest {

    /**
     * The bound: a mean squared error of 1e-3 is a root-mean-square error of 0.032, about 3% of the
     * curve's amplitude, and 196 times better than the best straight line (checked below), so only
     * a network that has really bent its output to the curve passes. Over seeds 0 to 39 the worst
     * result was 3.6e-4 (scalar backend, JDK 17), so the bound leaves a factor of about 3 for
     * seeds and backends whose rounding differs.
     */
    private static final double BOUND = 1e-3;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void fitsTheSineCurveClosely(long seed) {
        double mse = SineRegressionExample.run(seed);

        assertTrue(mse < BOUND, () -> "seed " + seed + ": mean squared error " + mse + " is not below " + BOUND);
    }

    /** The yardsticks quoted in the example's Javadoc: zero gives ½, the best line about 0.196. */
    @Test
    void baselinesAreFarAboveTheBound() {
        Dataset grid = SineRegressionExample.grid(SineRegressionExample.TEST_POINTS);
        int n = grid.size();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            double x = grid.inputs().get(i, 0), y = grid.targets().get(i, 0);
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }
        // sin is odd and the grid symmetric, so the least-squares line goes through 0: y = (sxy/sxx)·x.
        double zeroMse = syy / n;
        double lineMse = (syy - sxy * sxy / sxx) / n;

        assertEquals(0.5, zeroMse, 1e-3);
        assertEquals(0.196, lineMse, 1e-3);
        assertTrue(lineMse > 100 * BOUND);
    }
}
