package dev.scratchnet.modulecheck;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.Backends;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.Network;
import dev.scratchnet.tensor.Tensor;
import java.util.Set;
import java.util.TreeSet;

/**
 * Started by {@code ModulePathIT} in a JVM whose core and simd jars are on the module path: prints
 * the backend that {@code simd} selects and the module its class came from, round-trips a model
 * through the model format (which looks up layer codecs as services, so core must declare
 * {@code uses} for them), and lists the core packages its descriptor does not export. Lives
 * outside the simd package so that this class-path code does not split that package.
 */
public final class ModulePathMain {
    private ModulePathMain() {
    }

    /**
     * @param args unused
     * @throws Exception if the model does not read back
     */
    public static void main(String[] args) throws Exception {
        Backend backend = Backends.select("simd", 1);
        System.out.println(backend.name() + " from module " + backend.getClass().getModule().getName());

        Network network = Network.builder().input(3).dense(4, Activation.TANH).dense(2, Activation.IDENTITY)
                .loss(LossKind.CROSS_ENTROPY).seed(7).backend(backend).build();
        Tensor inputs = Tensor.of(new float[] {0.5f, -1f, 2f}, new float[] {1f, 0f, -0.25f});
        byte[] saved = NetworkFormat.toBytes(network, Normalization.RAW, null);
        Network loaded = NetworkFormat.fromBytes(saved, "memory", backend).network();
        System.out.println("loaded model predicts the same: " + network.predict(inputs).equals(loaded.predict(inputs)));

        Module core = Backends.class.getModule();
        Set<String> unexported = new TreeSet<>(core.getPackages());
        core.getDescriptor().exports().forEach(e -> unexported.remove(e.source()));
        System.out.println(core.getName() + " packages not exported: " + unexported);
    }
}
