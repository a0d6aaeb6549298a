package dev.scratchnet.simd;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.ImageGeometry;
import dev.scratchnet.data.ImageShift;
import dev.scratchnet.layer.Parameter;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.Trainer;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.optim.OptimizerKind;
import dev.scratchnet.tensor.Tensor;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * A few training steps of small networks on made-up data, reduced to the float bits of the trained
 * weights and of the predictions on a probe set. {@code VectorBackendReproducibilityTest} compares
 * these bits between JVMs (one interpreted only, with {@code -Xint}) and between thread counts.
 *
 * <p>Between them the networks take every activation (forward and backward), dropout, softmax
 * cross-entropy with short and long rows, the quadratic loss, and the SGD, momentum and Adam steps.
 * Layer widths are not multiples of the lane count, so every kernel also runs its scalar tail.
 */
final class ReproducibleTraining {
    private ReproducibleTraining() {
    }

    /**
     * Run in a child JVM: writes {@link #small} for the simd backend, then for the scalar one, to a file.
     *
     * @param args the file to write
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
            write(small(VectorBackend::new), out);
            write(small(threads -> new ScalarBackend()), out);
        }
    }

    /**
     * Three small networks, fast enough to train interpreted.
     *
     * @param backends makes the backend for a thread count (1 here)
     * @return the bits of the weights and predictions after training
     */
    static int[] small(IntFunction<Backend> backends) {
        Backend backend = backends.apply(1);
        Network classifier = Network.builder().input(37)
                .dense(45, Activation.RELU).dropout(0.2f)
                .dense(33, Activation.SIGMOID)
                .dense(21, Activation.TANH)
                .dense(10, Activation.IDENTITY)
                .seed(11).backend(backend).build();
        Dataset tenClasses = clusters(64, 37, 10, 12);
        TrainingConfig adam = TrainingConfig.builder().optimizer(OptimizerKind.ADAM).learningRate(0.01f)
                .l2(1e-4f).batchSize(16).epochs(2).seed(13).build();
        new Trainer(classifier, adam).fit(tenClasses, null);

        Network wide = Network.builder().input(29)
                .dense(23, Activation.LEAKY_RELU)
                .dense(19, Activation.IDENTITY)
                .seed(14).backend(backend).build();
        Dataset nineteenClasses = clusters(48, 29, 19, 15);
        TrainingConfig momentum = TrainingConfig.builder().optimizer(OptimizerKind.MOMENTUM).learningRate(0.1f)
                .batchSize(12).epochs(2).seed(16).build();
        new Trainer(wide, momentum).fit(nineteenClasses, null);

        Network regression = Network.builder().input(13)
                .dense(11, Activation.SIGMOID)
                .dense(17, Activation.SIGMOID)
                .loss(LossKind.QUADRATIC).seed(17).backend(backend).build();
        Dataset seventeenClasses = clusters(40, 13, 17, 18);
        TrainingConfig sgd = TrainingConfig.builder().optimizer(OptimizerKind.SGD).learningRate(0.5f)
                .batchSize(10).epochs(2).seed(19).build();
        new Trainer(regression, sgd).fit(seventeenClasses, null);

        return bits(tenClasses, classifier, nineteenClasses, wide, seventeenClasses, regression);
    }

    /**
     * A network whose matrix products are large enough to be split across two threads, trained with image
     * shifts, so that on two threads each batch is gathered and shifted in parts on both cores.
     *
     * @param backend the backend to train on
     * @return the bits of the weights and predictions after training
     */
    static int[] large(Backend backend) {
        Network net = Network.builder().input(784)
                .dense(128, Activation.RELU)
                .dense(67, Activation.TANH)
                .dense(10, Activation.IDENTITY)
                .seed(21).backend(backend).build();
        Dataset data = clusters(256, 784, 10, 22);
        TrainingConfig adam = TrainingConfig.builder().optimizer(OptimizerKind.ADAM).learningRate(0.001f)
                .batchSize(LARGE_BATCH).epochs(2).seed(23).build();
        new Trainer(net, adam).augment(new ImageShift(new ImageGeometry(1, 28, 28), 2)).fit(data, null);
        return bits(data, net);
    }

    /** Batch size of {@link #large}: its first product is LARGE_BATCH × 784 × 128. */
    static final int LARGE_BATCH = 128;

    /** Alternating data sets and networks: each network's parameters, then its predictions for its data. */
    private static int[] bits(Object... dataAndNetworks) {
        int size = 0;
        for (int i = 0; i < dataAndNetworks.length; i += 2) {
            Network net = (Network) dataAndNetworks[i + 1];
            size += (int) net.parameterCount() + ((Dataset) dataAndNetworks[i]).size() * net.outputSize();
        }
        int[] bits = new int[size];
        int at = 0;
        for (int i = 0; i < dataAndNetworks.length; i += 2) {
            Network net = (Network) dataAndNetworks[i + 1];
            for (Parameter p : net.parameters()) {
                at = append(p.value(), bits, at);
            }
            at = append(net.predict(((Dataset) dataAndNetworks[i]).inputs()), bits, at);
        }
        return bits;
    }

    private static int append(Tensor t, int[] bits, int at) {
        for (float v : t.data()) {
            bits[at++] = Float.floatToRawIntBits(v);
        }
        return at;
    }

    /** n examples in d dimensions around one random centre per class, labels uniform. */
    private static Dataset clusters(int n, int d, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] centres = new float[classes][d];
        for (float[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = (float) random.nextGaussian();
            }
        }
        float[][] x = new float[n][d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(classes);
            for (int j = 0; j < d; j++) {
                x[i][j] = centres[labels[i]][j] + (float) (0.7 * random.nextGaussian());
            }
        }
        return Dataset.ofClasses(x, labels, classes);
    }

    private static void write(int[] bits, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(bits.length);
        for (int b : bits) {
            data.writeInt(b);
        }
        data.flush();
    }

    /**
     * Reads what {@link #main} wrote.
     *
     * @param file the file
     * @return the simd bits, then the scalar bits
     * @throws IOException if it cannot be read
     */
    static int[][] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DataInputStream data = new DataInputStream(in);
            int[][] result = new int[2][];
            for (int k = 0; k < 2; k++) {
                result[k] = new int[data.readInt()];
                for (int i = 0; i < result[k].length; i++) {
                    result[k][i] = data.readInt();
                }
            }
            return result;
        }
    }
}
