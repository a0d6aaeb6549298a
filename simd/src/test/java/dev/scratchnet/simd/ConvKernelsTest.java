package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.ConvGeometry;
import dev.scratchnet.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The convolution kernels split their work across threads; on the course CNN's shapes (batch 64, large
 * enough to be split) every kernel must give the same bits on one thread and on two.
 */
class ConvKernelsTest {
    private static final int BATCH = 64;

    private static Tensor random(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor t = new Tensor(rows, cols);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) random.nextDouble(-1, 1);
        }
        return t;
    }

    @Test
    void everyConvolutionKernelGivesTheSameBitsOnOneAndTwoThreads() {
        VectorBackend one = new VectorBackend(1), two = new VectorBackend(2);
        for (ConvGeometry g : new ConvGeometry[] {new ConvGeometry(1, 28, 28, 5, 1, 0),
                new ConvGeometry(20, 12, 12, 5, 1, 0), new ConvGeometry(3, 15, 13, 3, 2, 1)}) {
            assertEquals(2, ConvKernels.shares(2, BATCH, (long) g.patchSize() * BATCH * g.positions()),
                    "the shape is large enough to be split: " + g);
            Tensor x = random(BATCH, g.inputSize(), 1);
            Tensor cols1 = new Tensor(g.patchSize(), BATCH * g.positions()), cols2 = random(g.patchSize(), BATCH * g.positions(), 2);
            one.im2col(g, x, cols1);
            two.im2col(g, x, cols2);
            assertEquals(cols1, cols2, "im2col " + g);
            Tensor dx1 = new Tensor(BATCH, g.inputSize()), dx2 = new Tensor(BATCH, g.inputSize());
            one.col2im(g, cols2, dx1);
            two.col2im(g, cols2, dx2);
            assertEquals(dx1, dx2, "col2im " + g);

            int filters = 40;
            Tensor z = random(filters, BATCH * g.positions(), 3), bias = random(1, filters, 4);
            Tensor y1 = new Tensor(BATCH, filters * g.positions()), y2 = new Tensor(BATCH, filters * g.positions());
            one.channelsToExamples(z, bias, Activation.RELU, y1);
            two.channelsToExamples(z, bias, Activation.RELU, y2);
            assertEquals(y1, y2, "channelsToExamples " + g);
            Tensor c1 = new Tensor(filters, BATCH * g.positions()), c2 = new Tensor(filters, BATCH * g.positions());
            Tensor s1 = new Tensor(1, filters), s2 = new Tensor(1, filters);
            one.examplesToChannels(y1, c1, s1);
            two.examplesToChannels(y1, c2, s2);
            assertEquals(c1, c2, "examplesToChannels " + g);
            assertEquals(s1, s2, "channel sums " + g);
        }
        ConvGeometry pool = new ConvGeometry(20, 24, 24, 2, 2, 0);
        Tensor x = random(BATCH, pool.inputSize(), 5), dy = random(BATCH, 20 * pool.positions(), 6);
        Tensor y1 = new Tensor(BATCH, 20 * pool.positions()), y2 = new Tensor(BATCH, 20 * pool.positions());
        int[] a1 = new int[y1.size()], a2 = new int[y2.size()];
        one.maxPool(pool, x, y1, a1);
        two.maxPool(pool, x, y2, a2);
        assertEquals(y1, y2);
        assertArrayEquals(a1, a2);
        Tensor dx1 = new Tensor(BATCH, pool.inputSize()), dx2 = new Tensor(BATCH, pool.inputSize());
        one.maxPoolBackward(pool, dy, a1, dx1);
        two.maxPoolBackward(pool, dy, a1, dx2);
        assertEquals(dx1, dx2);
    }
}
