package dev.scratchnet.app;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.MnistDataset;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.io.SavedModel;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.Trainer;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.tensor.Tensor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small trained models for the serve tests, saved and loaded back the way {@code serve} loads them. */
final class ServeFixtures {
    private ServeFixtures() {
    }

    /**
     * A 784-32-dropout-16-10 network, one epoch on made-up images: small, but trained, with a
     * dropout layer so the pass-through case is covered too.
     */
    static SavedModel syntheticModel(Path dir) throws IOException {
        return syntheticModel(dir, new ScalarBackend());
    }

    /** The same, running on the given backend. */
    static SavedModel syntheticModel(Path dir, Backend backend) throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        float[][] inputs = new float[300][784];
        int[] labels = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            labels[i] = random.nextInt(10);
            for (int p = 0; p < 784; p++) {
                inputs[i][p] = random.nextInt(4) == 0 ? random.nextFloat() : 0f;
            }
        }
        return trainAndReload(Dataset.ofClasses(inputs, labels, 10), 1, dir, backend);
    }

    /** The same shape trained for a few epochs on the first 6000 real MNIST training images: it reads digits. */
    static SavedModel mnistModel(Path mnist, Path dir) throws IOException {
        Dataset train = MnistDataset.load(mnist, MnistDataset.Split.TRAIN, Normalization.UNIT).slice(0, 6000);
        return trainAndReload(train, 4, dir, new ScalarBackend());
    }

    private static SavedModel trainAndReload(Dataset train, int epochs, Path dir, Backend backend) throws IOException {
        Network network = Network.builder()
                .input(784)
                .dense(32, Activation.RELU)
                .dropout(0.2f)
                .dense(16, Activation.RELU)
                .dense(10, Activation.IDENTITY)
                .loss(LossKind.CROSS_ENTROPY)
                .seed(5)
                .build();
        new Trainer(network, TrainingConfig.builder().epochs(epochs).learningRate(0.05f).batchSize(32).build()).fit(train, null);
        Path file = dir.resolve("serve-test.snet");
        NetworkFormat.save(network, Normalization.UNIT, file);
        return NetworkFormat.load(file, backend);
    }

    static DigitServer start(SavedModel model, TestDigits digits) throws IOException {
        return DigitServer.start(model, "serve-test.snet", digits,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    }

    /** What {@code Network.predict} gives for 784 pixels 0..255, normalized as the model was trained. */
    static float[] expectedProbabilities(SavedModel model, double[] pixels) {
        float[] input = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            input[i] = model.normalization().apply((int) pixels[i]);
        }
        return model.network().predict(Tensor.wrap(1, input.length, input)).data();
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws IOException {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static HttpRequest.Builder request(DigitServer server, String path) {
        return HttpRequest.newBuilder(URI.create(server.uri() + path.substring(1)));
    }

    /** Every flat number array named {@code field} in a JSON text, read as floats exactly as written. */
    static List<float[]> floatArrays(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\\[([^\\[\\]]*)\\]").matcher(json);
        List<float[]> arrays = new ArrayList<>();
        while (m.find()) {
            String[] items = m.group(1).isEmpty() ? new String[0] : m.group(1).split(",");
            float[] values = new float[items.length];
            for (int i = 0; i < items.length; i++) {
                values[i] = Float.parseFloat(items[i]);
            }
            arrays.add(values);
        }
        return arrays;
    }

    static float[] floatArray(String json, String field) {
        List<float[]> arrays = floatArrays(json, field);
        if (arrays.size() != 1) {
            throw new AssertionError("expected one array '" + field + "' in " + abbreviate(json) + ", found " + arrays.size());
        }
        return arrays.get(0);
    }

    static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9]+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no number '" + field + "' in " + abbreviate(json));
        }
        return Long.parseLong(m.group(1));
    }

    static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
