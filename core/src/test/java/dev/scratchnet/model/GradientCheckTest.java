package dev.scratchnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.ForwardingBackend;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.layer.Initializer;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.tensor.Tensor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Backprop agrees with finite differences for every activation, loss and several shapes. */
class GradientCheckTest {
    /** Float32 forward passes limit how close the two can be; a bug gives errors near 1. */
    private static final double TOLERANCE = 1e-2;

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        int[][] shapes = {{3, 4, 2}, {5, 7, 6, 3}, {1, 1}, {4, 9, 3, 5, 2}};
        for (Activation f : Activation.values()) {
            for (int[] shape : shapes) {
                cases.add(Arguments.of(f, LossKind.CROSS_ENTROPY, shape));
                cases.add(Arguments.of(f, LossKind.QUADRATIC, shape));
            }
        }
        return cases.build();
    }

    private static Network network(Activation hidden, LossKind loss, int[] sizes, float dropout) {
        Network.Builder b = Network.builder().input(sizes[0]).loss(loss).seed(11).initializer(Initializer.XAVIER);
        for (int l = 1; l < sizes.length; l++) {
            boolean last = l == sizes.length - 1;
            Activation f = !last ? hidden : loss == LossKind.CROSS_ENTROPY ? Activation.IDENTITY : hidden;
            b.dense(sizes[l], f);
            if (!last && dropout > 0) {
                b.dropout(dropout);
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void backpropMatchesFiniteDifferences(Activation hidden, LossKind loss, int[] sizes) {
        Network net = network(hidden, loss, sizes, 0f);
        int out = sizes[sizes.length - 1];
        Tensor x = SyntheticData.uniform(5, sizes[0], 1);
        Tensor y = loss == LossKind.CROSS_ENTROPY ? SyntheticData.oneHot(5, out, 2) : SyntheticData.uniform(5, out, 2);
        // ReLU has a kink at 0: a smaller step makes crossing it during the difference unlikely.
        double step = hidden == Activation.RELU || hidden == Activation.LEAKY_RELU ? 1e-3 : 1e-2;
        List<GradientCheck.Result> results = GradientCheck.check(net, x, y, step, Integer.MAX_VALUE, 1);
        assertEquals(net.parameters().size(), results.size());
        for (GradientCheck.Result r : results) {
            assertTrue(r.relativeError() < TOLERANCE,
                    r.parameter() + " relative error " + r.relativeError());
        }
    }

    @Test
    void backpropThroughDropoutMatchesFiniteDifferencesWithAFixedMask() {
        Network net = network(Activation.TANH, LossKind.CROSS_ENTROPY, new int[] {6, 10, 8, 3}, 0.3f);
        List<GradientCheck.Result> results = GradientCheck.check(net, SyntheticData.uniform(4, 6, 3),
                SyntheticData.oneHot(4, 3, 4));
        for (GradientCheck.Result r : results) {
            assertTrue(r.relativeError() < TOLERANCE, r.parameter() + " relative error " + r.relativeError());
        }
    }

    @Test
    void aBrokenBackwardPassIsCaught() {
        Network net = network(Activation.SIGMOID, LossKind.QUADRATIC, new int[] {3, 4, 2}, 0f);
        // A classic bug: forgetting the activation's derivative in δ = g ⊙ f′(z).
        net.setBackend(new ForwardingBackend(new ScalarBackend()) {
            @Override
            public void activationBackward(Activation f, Tensor output, Tensor gradOutput, Tensor delta) {
                delta.copyFrom(gradOutput);
            }
        });
        List<GradientCheck.Result> results = GradientCheck.check(net, SyntheticData.uniform(5, 3, 1),
                SyntheticData.uniform(5, 2, 2));
        assertTrue(results.stream().anyMatch(r -> r.relativeError() > 0.1), results.toString());
    }

    @Test
    void checkRestoresTheWeights() {
        Network net = network(Activation.TANH, LossKind.CROSS_ENTROPY, new int[] {3, 4, 2}, 0f);
        Tensor before = net.parameters().get(0).value().copy();
        GradientCheck.check(net, SyntheticData.uniform(2, 3, 1), SyntheticData.oneHot(2, 2, 2));
        assertEquals(before, net.parameters().get(0).value());
    }
}
