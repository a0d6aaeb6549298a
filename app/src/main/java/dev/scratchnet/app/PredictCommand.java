package dev.scratchnet.app;

import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.DatasetInfo;
import dev.scratchnet.data.ImageFolderDataset;
import dev.scratchnet.model.Network;
import dev.scratchnet.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scratchnet predict}: classify pictures, or test examples by index. */
@Command(name = "predict", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Classify pictures (PNG, JPEG, GIF, BMP), or test examples of --data by index.",
            "A picture is made the model's input as its training data was: for a model trained on MNIST, prepared "
                    + "the way MNIST was made (grayscale, dark-on-light inverted, cropped to the ink, scaled into 20×20 "
                    + "and centred by centre of mass in 28×28); for other picture models, converted to their channels "
                    + "and resized to their size, then standardized as the training data was."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backendOptions;

    @Mixin
    ModelOptions modelOptions;

    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "Pictures to classify.")
    List<Path> images = new ArrayList<>();

    @Option(names = "--index", split = ",", paramLabel = "I,I,...", hideParamSyntax = true,
            description = "Test examples of --data to classify, counted from 0, e.g. 0,7,42.")
    List<Integer> indices = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Validation.check(spec, v -> {
            backendOptions.validate(v);
            v.require(!images.isEmpty() || !indices.isEmpty(), "give at least one image file or --index");
            indices.forEach(i -> v.atLeast("--index", i, 0));
        });
        if (!indices.isEmpty()) {
            DataSource.checkForModel(modelOptions.data);
        }
        Models.Loaded model = Models.load(modelOptions.model, backendOptions.select());
        Network network = model.saved().network();
        DatasetInfo data = model.data();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failures = 0;
        for (Path image : images) {
            try {
                float[] input = input(image, data);
                out.println(image + ": " + describe(network.predict(Tensor.wrap(1, input.length, input)).data(),
                        data.classNames()));
            } catch (IOException | CliFailure e) {
                failures++;
                err.println(spec.qualifiedName() + ": " + Failures.describe(e));
            }
        }
        if (!indices.isEmpty()) {
            Dataset test = DataSource.loadForModel(modelOptions.data, data, modelOptions.labelColumn);
            String noun = "test " + (data.image() != null ? "image" : "example");
            for (int index : indices) {
                if (index >= test.size()) {
                    failures++;
                    err.println(spec.qualifiedName() + ": --index " + index + " is past the end; the test set has "
                            + (data.image() != null ? "images" : "examples") + " 0 to " + (test.size() - 1));
                    continue;
                }
                Tensor row = Tensor.wrap(1, test.inputSize(), Arrays.copyOfRange(test.inputs().data(),
                        index * test.inputSize(), (index + 1) * test.inputSize()));
                out.println(noun + " " + index + " (label " + data.className(test.labels()[index]) + "): "
                        + describe(network.predict(row).data(), data.classNames()));
            }
        }
        out.flush();
        err.flush();
        return failures == 0 ? Failures.SUCCESS : Failures.FAILURE;
    }

    /**
     * A picture as the model's input. MNIST models get MNIST's own preparation of a drawn digit; other
     * picture models the conversion and resizing of their picture folder, then their standardization.
     */
    static float[] input(Path image, DatasetInfo data) throws IOException {
        if (data.image() == null) {
            throw new CliFailure(image + " is a picture, but the model was trained on rows of " + data.inputSize()
                    + " numbers (" + data.name() + "); classify rows of a CSV file with --data FILE --index I");
        }
        float[] input;
        if (data.name().equals("MNIST")) {
            int[] pixels = DigitImage.load(image);
            input = new float[pixels.length];
            for (int i = 0; i < pixels.length; i++) {
                input[i] = pixels[i];
            }
            data.preprocessing().applyToRaw(input);
        } else {
            input = ImageFolderDataset.readPicture(image, data.image()); // already scaled to 0..1
            data.preprocessing().standardization().applyInPlace(input);
        }
        return input;
    }

    /** "predicted: Sneaker (97.1%), then Sandal (2.0%), Ankle boot (0.4%)": the answer and the next two scores. */
    static String describe(float[] scores, List<String> classNames) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        StringBuilder s = new StringBuilder("predicted: ");
        for (int k = 0; k < Math.min(3, order.length); k++) {
            s.append(k == 0 ? "" : k == 1 ? ", then " : ", ").append(classNames.get(order[k]))
                    .append(String.format(Locale.ROOT, " (%.1f%%)", 100 * scores[order[k]]));
        }
        return s.toString();
    }
}
