package dev.scratchnet.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InitializerTest {
    @ParameterizedTest
    @EnumSource(Initializer.class)
    void weightVarianceMatchesTheScheme(Initializer init) {
        int in = 400, out = 100;
        float[] w = new float[in * out], b = new float[out];
        init.initialize(w, b, in, out, new SplittableRandom(3));
        double expected = switch (init) {
            case NORMAL -> 1.0;
            case SCALED_NORMAL -> 1.0 / in;
            case XAVIER -> 2.0 / (in + out);
            case HE -> 2.0 / in;
        };
        double sumSquares = 0;
        for (float v : w) {
            sumSquares += v * v;
        }
        assertEquals(expected, sumSquares / w.length, expected * 0.05);
        assertEquals(init, Initializer.parse(init.cliName()));
    }
}
