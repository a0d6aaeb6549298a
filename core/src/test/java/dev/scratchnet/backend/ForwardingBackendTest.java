package dev.scratchnet.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.layer.Parameter;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.Network;
import dev.scratchnet.optim.Sgd;
import dev.scratchnet.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardingBackendTest {

    /** A backend that speeds up (here: counts) only the forward product and inherits the rest. */
    private static final class CountingMatmul extends ForwardingBackend {
        int matmulCalls;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void matmul(Tensor a, Tensor b, Tensor out) {
            matmulCalls++;
            delegate().matmul(a, b, out);
        }
    }

    private static Network network(Backend backend) {
        return Network.builder().input(5).dense(7, Activation.TANH).dense(3, Activation.IDENTITY)
                .loss(LossKind.CROSS_ENTROPY).seed(4).backend(backend).build();
    }

    /** One forward pass, loss, backward pass and SGD step on a fixed batch of four. */
    private static void trainOneStep(Network net) {
        Tensor x = new Tensor(4, 5), y = new Tensor(4, 3);
        for (int i = 0; i < x.data().length; i++) {
            x.data()[i] = (i * 37 % 11) / 11f - 0.5f;
        }
        for (int i = 0; i < 4; i++) {
            y.data()[i * 3 + i % 3] = 1f;
        }
        Tensor output = net.forward(x);
        Tensor gradOutput = new Tensor(output.rows(), output.cols());
        net.loss().lossAndGradient(net.backend(), output, y, gradOutput);
        net.backward(gradOutput);
        new Sgd(0f).step(net.backend(), net.parameters(), 0.1f);
    }

    @Test
    void aBackendOverridingOnlyMatmulTrainsExactlyLikeTheScalarOne() {
        CountingMatmul counting = new CountingMatmul();
        Network fast = network(counting), reference = network(new ScalarBackend());
        trainOneStep(fast);
        trainOneStep(reference);

        assertEquals(2, counting.matmulCalls, "one forward product per dense layer");
        assertEquals("counting", counting.name());
        List<Parameter> expected = reference.parameters(), actual = fast.parameters();
        for (int p = 0; p < expected.size(); p++) {
            assertArrayEquals(expected.get(p).value().data(), actual.get(p).value().data(), "parameter " + p);
        }
    }

    @Test
    void forwardsToTheScalarReferenceByDefault() {
        ForwardingBackend plain = new ForwardingBackend() {
        };
        assertEquals(ScalarBackend.NAME, plain.name());
        assertEquals(1, plain.threads());
        assertTrue(plain.delegate() instanceof ScalarBackend);
    }
}
