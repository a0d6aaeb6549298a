package dev.scratchnet.app;

import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.MnistDataset;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.io.SavedModel;
import dev.scratchnet.model.Network;
import dev.scratchnet.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scratchnet predict}: classify pictures of digits, or test images by index. */
@Command(name = "predict", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Classify pictures of handwritten digits (PNG, JPEG, GIF, BMP), or MNIST test images by index.",
            "Pictures are prepared the way MNIST was made: grayscale, dark-on-light inverted, cropped to the ink, "
                    + "scaled into 20×20 and centred by centre of mass in 28×28."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backendOptions;

    @Mixin
    ModelOptions modelOptions;

    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "Pictures of single digits.")
    List<Path> images = new ArrayList<>();

    @Option(names = "--index", split = ",", paramLabel = "I,I,...", hideParamSyntax = true, description = "MNIST test images to classify, e.g. 0,7,42.")
    List<Integer> indices = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Validation.check(spec, v -> {
            backendOptions.validate(v);
            v.require(!images.isEmpty() || !indices.isEmpty(), "give at least one image file or --index");
            indices.forEach(i -> v.atLeast("--index", i, 0));
        });
        SavedModel saved = Models.loadForMnist(modelOptions.model, backendOptions.select());
        Network network = saved.network();
        Normalization normalization = saved.normalization();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failures = 0;
        for (Path image : images) {
            try {
                int[] pixels = DigitImage.load(image);
                float[] input = new float[pixels.length];
                for (int i = 0; i < pixels.length; i++) {
                    input[i] = normalization.apply(pixels[i]);
                }
                out.println(image + ": " + describe(network.predict(Tensor.wrap(1, input.length, input)).data()));
            } catch (IOException e) {
                failures++;
                err.println(spec.qualifiedName() + ": " + Failures.describe(e));
            }
        }
        if (!indices.isEmpty()) {
            Path dir = MnistData.folder(modelOptions.data);
            Dataset test = MnistData.load(dir, MnistDataset.Split.TEST, normalization);
            for (int index : indices) {
                if (index >= test.size()) {
                    failures++;
                    err.println(spec.qualifiedName() + ": --index " + index + " is past the end; the test set has images 0 to "
                            + (test.size() - 1));
                    continue;
                }
                Tensor row = Tensor.wrap(1, test.inputSize(), java.util.Arrays.copyOfRange(test.inputs().data(),
                        index * test.inputSize(), (index + 1) * test.inputSize()));
                out.println("test image " + index + " (label " + test.labels()[index] + "): "
                        + describe(network.predict(row).data()));
            }
        }
        out.flush();
        err.flush();
        return failures == 0 ? Failures.SUCCESS : Failures.FAILURE;
    }

    /** "7  (7 98.1%, 1 0.9%, 9 0.4%)": the answer and the top three scores. */
    static String describe(float[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        StringBuilder s = new StringBuilder().append(order[0]).append("  (");
        for (int k = 0; k < Math.min(3, order.length); k++) {
            s.append(k == 0 ? "" : ", ").append(order[k]).append(' ')
                    .append(String.format(Locale.ROOT, "%.1f%%", 100 * scores[order[k]]));
        }
        return s.append(')').toString();
    }
}
