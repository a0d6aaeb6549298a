package dev.scratchnet.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.ConvGeometry;
import dev.scratchnet.backend.ForwardingBackend;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Conv2dTest {
    private final Backend backend = new ScalarBackend();
    /** The reference kernels, but the layer takes the direct path: {@link Backend#convolve} and its gradients. */
    private final Backend direct = new ForwardingBackend(new ScalarBackend()) {
        @Override
        public boolean convolvesDirectly(ConvGeometry g) {
            return true;
        }
    };

    static Stream<ConvGeometry> geometries() {
        return Stream.of(
                new ConvGeometry(1, 7, 9, 3, 1, 0),            // one channel, odd sizes, valid
                new ConvGeometry(2, 7, 9, 3, 2, 1),            // stride 2 with padding
                new ConvGeometry(3, 6, 5, 5, 1, 2),            // 'same' for k = 5
                new ConvGeometry(2, 9, 7, 4, 2, 1),            // kernel larger than the stride, even
                new ConvGeometry(2, 5, 5, 1, 1, 0),            // 1×1
                new ConvGeometry(1, 8, 8, 7, 2, 3));           // the largest kernel
    }

    private static Tensor random(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor t = new Tensor(rows, cols);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) random.nextDouble(-1, 1);
        }
        return t;
    }

    private static Conv2d layer(ConvGeometry g, int filters, Activation f, long seed) {
        Conv2d conv = new Conv2d(g, filters, f, "conv");
        conv.initialize(Initializer.XAVIER, new SplittableRandom(seed));
        Tensor b = random(1, filters, seed + 1);
        conv.bias().value().copyFrom(b);
        return conv;
    }

    @Test
    void forwardAndBackwardMatchHandComputedValues() {
        // One 3×3 image, one 2×2 filter [1 0; 0 −1] (top-left minus bottom-right), bias 0.5, stride 1:
        //   x = [1 2 3; 4 5 6; 7 8 9]  →  z = [1−5, 2−6; 4−8, 5−9] + 0.5 = [−3.5 −3.5; −3.5 −3.5]
        Conv2d conv = new Conv2d(new ConvGeometry(1, 3, 3, 2, 1, 0), 1, Activation.IDENTITY, "c");
        conv.weights().value().copyFrom(Tensor.of(new float[] {1, 0, 0, -1}));
        conv.bias().value().set(0, 0, 0.5f);
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertArrayEquals(new float[] {-3.5f, -3.5f, -3.5f, -3.5f}, conv.forward(backend, x).data(), 1e-6f);
        // g = [1 2; 3 4]. ∂L/∂b = Σ g = 10. ∂L/∂W[ki][kj] = Σ g[oy][ox]·x[oy+ki][ox+kj]:
        //   W00: 1·1+2·2+3·4+4·5 = 37, W01: 1·2+2·3+3·5+4·6 = 47, W10: 1·4+2·5+3·7+4·8 = 67, W11: 77.
        // ∂L/∂x is g correlated with the flipped filter: g lands at its window's top-left times 1 and at
        // its bottom-right times −1: [1 2 0; 3 4−1 −2; 0 −3 −4].
        Tensor gradInput = conv.backward(backend, Tensor.of(new float[] {1, 2, 3, 4}), true);
        assertArrayEquals(new float[] {10f}, conv.bias().grad().data(), 1e-6f);
        assertArrayEquals(new float[] {37, 47, 67, 77}, conv.weights().grad().data(), 1e-5f);
        assertArrayEquals(new float[] {1, 2, 0, 3, 3, -2, 0, -3, -4}, gradInput.data(), 1e-6f);
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void backwardMatchesFiniteDifferences(ConvGeometry g) {
        Conv2d conv = layer(g, 3, Activation.TANH, 5);
        List<Double> errors = LayerGradients.relativeErrors(conv, backend, random(2, g.inputSize(), 6), 7);
        assertEquals(3, errors.size());
        for (int i = 0; i < errors.size(); i++) {
            assertTrue(errors.get(i) < 1e-2, (i == 0 ? "∂L/∂x" : conv.parameters().get(i - 1).name())
                    + " relative error " + errors.get(i) + " for " + g);
        }
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void theDirectPathMatchesFiniteDifferencesAndTheProductPath(ConvGeometry g) {
        Conv2d conv = layer(g, 3, Activation.TANH, 5);
        List<Double> errors = LayerGradients.relativeErrors(conv, direct, random(2, g.inputSize(), 6), 7);
        for (int i = 0; i < errors.size(); i++) {
            assertTrue(errors.get(i) < 1e-2, "direct: " + (i == 0 ? "∂L/∂x" : conv.parameters().get(i - 1).name())
                    + " relative error " + errors.get(i) + " for " + g);
        }
        // Both paths on a batch of several groups: the same y, ∂L/∂x, ∂L/∂W and ∂L/∂b.
        int m = 40;
        Tensor x = random(m, g.inputSize(), 21), gradOutput = random(m, conv.outputSize(), 22);
        Tensor[] viaProducts = pass(conv, backend, x, gradOutput), viaDefinition = pass(conv, direct, x, gradOutput);
        String[] names = {"y", "∂L/∂x", "∂L/∂W", "∂L/∂b"};
        for (int i = 0; i < names.length; i++) {
            assertArrayEquals(viaProducts[i].data(), viaDefinition[i].data(), 1e-4f, names[i] + " for " + g);
        }
        assertEquals(viaDefinition[0], conv.infer(direct, x), "infer takes the direct path too");
    }

    /** @return y, ∂L/∂x, ∂L/∂W and ∂L/∂b of one forward and backward, copied */
    private static Tensor[] pass(Conv2d conv, Backend backend, Tensor x, Tensor gradOutput) {
        Tensor y = conv.forward(backend, x).copy();
        Tensor gradInput = conv.backward(backend, gradOutput, true).copy();
        return new Tensor[] {y, gradInput, conv.weights().grad().copy(), conv.bias().grad().copy()};
    }

    @Test
    void sigmoidGradientMatchesFiniteDifferencesToo() {
        // (ReLU's kink at 0 lies within the step h of some z, which spoils a finite difference.)
        ConvGeometry g = new ConvGeometry(2, 6, 6, 3, 1, 1);
        List<Double> errors = LayerGradients.relativeErrors(layer(g, 4, Activation.SIGMOID, 8), backend,
                random(3, g.inputSize(), 9), 10);
        for (double e : errors) {
            assertTrue(e < 1e-2, "relative error " + e);
        }
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void inferGivesTheTrainingForwardOutputWithoutChangingState(ConvGeometry g) {
        Conv2d conv = layer(g, 4, Activation.RELU, 11);
        Tensor x = random(70, g.inputSize(), 12); // more than one infer chunk of 64
        Tensor expected = conv.forward(backend, x).copy();
        assertEquals(expected, conv.infer(backend, x));
    }

    @Test
    void theFirstLayerSkipsTheInputGradientAndBackwardNeedsAForwardOfTheSameSize() {
        ConvGeometry g = new ConvGeometry(1, 5, 5, 3, 1, 0);
        Conv2d conv = layer(g, 2, Activation.RELU, 13);
        Tensor x = random(2, g.inputSize(), 14), gradOutput = random(2, conv.outputSize(), 15);
        assertThrows(IllegalStateException.class, () -> conv.backward(backend, gradOutput, true));
        conv.forward(backend, x);
        assertNull(conv.backward(backend, gradOutput, false));
        Tensor gradWeights = conv.weights().grad().copy();
        Tensor gradInput = conv.backward(backend, gradOutput, true).copy();
        assertEquals(gradWeights, conv.weights().grad(), "a second backward gives the same gradients");
        assertEquals(gradInput, conv.backward(backend, gradOutput, true));
        assertThrows(IllegalStateException.class, () -> conv.backward(backend, random(3, conv.outputSize(), 16), true));
    }

    @Test
    void groupsOfExamplesGiveTheSameResultAsTheWholeBatch() {
        // 20×12×12 with 5×5 kernels: X takes 500·64 floats per example, so a group holds 16 examples and a batch
        // of 40 runs as 16 + 16 + 8.
        ConvGeometry g = new ConvGeometry(20, 12, 12, 5, 1, 0);
        assertEquals(16, Conv2d.COLUMN_BUDGET / (g.patchSize() * g.positions()));
        Conv2d conv = layer(g, 3, Activation.TANH, 17);
        Tensor x = random(40, g.inputSize(), 18), gradOutput = random(40, conv.outputSize(), 19);
        Tensor y = conv.forward(backend, x).copy();
        Tensor gradInput = conv.backward(backend, gradOutput, true).copy();
        Tensor gradWeights = conv.weights().grad().copy(), gradBias = conv.bias().grad().copy();
        // The same sums, example by example: one forward and backward per single-example batch.
        Tensor sumWeights = new Tensor(gradWeights.rows(), gradWeights.cols()), sumBias = new Tensor(1, 3);
        for (int b = 0; b < 40; b++) {
            Tensor xb = Tensor.wrap(1, g.inputSize(), java.util.Arrays.copyOfRange(x.data(), b * g.inputSize(), (b + 1) * g.inputSize()));
            Tensor gb = Tensor.wrap(1, conv.outputSize(), java.util.Arrays.copyOfRange(gradOutput.data(),
                    b * conv.outputSize(), (b + 1) * conv.outputSize()));
            assertArrayEquals(java.util.Arrays.copyOfRange(y.data(), b * conv.outputSize(), (b + 1) * conv.outputSize()),
                    conv.forward(backend, xb).data(), 1e-5f);
            assertArrayEquals(java.util.Arrays.copyOfRange(gradInput.data(), b * g.inputSize(), (b + 1) * g.inputSize()),
                    conv.backward(backend, gb, true).data(), 1e-5f);
            backend.axpy(1f, conv.weights().grad(), sumWeights);
            backend.axpy(1f, conv.bias().grad(), sumBias);
        }
        assertArrayEquals(sumWeights.data(), gradWeights.data(), 1e-3f);
        assertArrayEquals(sumBias.data(), gradBias.data(), 1e-3f);
    }

    @Test
    void shapesFollowTheGeometry() {
        Conv2d conv = new Conv2d(new ConvGeometry(1, 28, 28, 5, 1, 0), 20, Activation.RELU, "c");
        assertEquals(784, conv.inputSize());
        assertEquals(20 * 24 * 24, conv.outputSize());
        assertEquals(20 * 25, conv.weights().value().size());
        assertEquals(2, Conv2d.Padding.SAME.amount(5));
        assertThrows(IllegalArgumentException.class, () -> Conv2d.Padding.SAME.amount(4));
    }

    @Test
    void heInitialisationUsesTheFanInOfOneWindow() {
        Conv2d conv = new Conv2d(new ConvGeometry(20, 12, 12, 5, 1, 0), 40, Activation.RELU, "c");
        conv.initialize(Initializer.HE, new SplittableRandom(1));
        double sumSquares = 0;
        for (float w : conv.weights().value().data()) {
            sumSquares += w * w;
        }
        double variance = sumSquares / conv.weights().value().size();
        assertEquals(2.0 / 500, variance, 0.1 * 2.0 / 500); // He: 2 / (c·k·k) = 2 / 500
    }

    @Test
    void aDirectFirstLayerNeverMakesTheColumnsOfX() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        ConvGeometry g = new ConvGeometry(1, 28, 28, 5, 1, 0); // the course CNN's first layer
        Tensor x = random(16, g.inputSize(), 21);
        long[] firstStep = new long[2];
        Backend[] backends = {backend, direct};
        for (int i = 0; i < 2; i++) {
            Conv2d conv = layer(g, 20, Activation.RELU, 22);
            Tensor gradOutput = random(16, conv.outputSize(), 23);
            long before = threads.getCurrentThreadAllocatedBytes();
            conv.forward(backends[i], x);
            conv.backward(backends[i], gradOutput, false); // a first layer: no ∂L/∂x
            firstStep[i] = threads.getCurrentThreadAllocatedBytes() - before;
        }
        long columnsBytes = 4L * g.patchSize() * 16 * g.positions();
        assertTrue(firstStep[1] + columnsBytes < firstStep[0], "first step, direct " + firstStep[1]
                + " bytes against " + firstStep[0] + " through the products; X's columns are " + columnsBytes);
    }

    @Test
    void aWarmForwardAndBackwardAllocateNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        ConvGeometry g = new ConvGeometry(2, 12, 12, 5, 1, 0);
        Conv2d conv = layer(g, 4, Activation.RELU, 16);
        Tensor x = random(8, g.inputSize(), 17), gradOutput = random(8, conv.outputSize(), 18);
        Tensor small = random(3, g.inputSize(), 19), smallGrad = random(3, conv.outputSize(), 20);
        for (int i = 0; i < 3; i++) {
            conv.forward(backend, x);
            conv.backward(backend, gradOutput, true);
            conv.forward(backend, small);
            conv.backward(backend, smallGrad, true);
        }
        for (Backend b : new Backend[] {backend, direct}) {
            for (int i = 0; i < 3; i++) {
                conv.forward(b, x);
                conv.backward(b, gradOutput, true);
                conv.forward(b, small);
                conv.backward(b, smallGrad, true);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 5; i++) {
                conv.forward(b, x);
                conv.backward(b, gradOutput, true);
                conv.forward(b, small);
                conv.backward(b, smallGrad, true);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 1024, "allocated " + allocated + " bytes in 10 warm steps, direct " + (b == direct));
        }
    }
}
