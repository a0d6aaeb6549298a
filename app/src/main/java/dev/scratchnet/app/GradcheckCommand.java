package dev.scratchnet.app;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.layer.Initializer;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.GradientCheck;
import dev.scratchnet.model.Network;
import dev.scratchnet.tensor.Tensor;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scratchnet gradcheck}: backprop against finite differences for every activation and
 * loss, on a small network, so a learner can watch the derivation being verified.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Check backpropagation against finite differences, (L(w+h) − L(w−h)) / 2h, for every "
                + "activation and loss on a small 6-5-4 network.",
            "Relative errors around 1e-3 or below mean the gradients are right (the networks compute in 32-bit "
                    + "floats); a bug gives errors near 1."})
final class GradcheckCommand implements Callable<Integer> {
    private static final int[] SIZES = {6, 5, 4};
    private static final int BATCH = 5;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backendOptions;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seeds the weights and the data.")
    long seed;

    @Option(names = "--tolerance", paramLabel = "E", defaultValue = "0.01",
            description = "Largest relative error that counts as a pass.")
    double tolerance;

    @Override
    public Integer call() {
        Validation.check(spec, v -> {
            backendOptions.validate(v);
            v.inRange("--tolerance", tolerance, 0, 1, true);
        });
        Backend backend = backendOptions.select();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-11s %-14s %-15s %7s %14s  %s%n", "activation", "loss", "parameter", "checked",
                "relative error", "");
        int failed = 0;
        int total = 0;
        for (Activation hidden : List.of(Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.LEAKY_RELU)) {
            for (LossKind loss : LossKind.values()) {
                Network network = network(hidden, loss, backend);
                SplittableRandom random = new SplittableRandom(seed);
                Tensor x = uniform(BATCH, SIZES[0], random);
                Tensor y = loss == LossKind.CROSS_ENTROPY ? oneHot(BATCH, SIZES[2], random) : uniform(BATCH, SIZES[2], random);
                // ReLU has a kink at 0; a smaller step makes crossing it inside the difference unlikely.
                double step = hidden == Activation.RELU || hidden == Activation.LEAKY_RELU ? 1e-3 : GradientCheck.DEFAULT_STEP;
                for (GradientCheck.Result r : GradientCheck.check(network, x, y, step, Integer.MAX_VALUE, seed)) {
                    boolean ok = r.relativeError() <= tolerance;
                    failed += ok ? 0 : 1;
                    total++;
                    out.printf(Locale.ROOT, "%-11s %-14s %-15s %7d %14.2e  %s%n", hidden.cliName(), loss.cliName(),
                            r.parameter(), r.checked(), r.relativeError(), ok ? "ok" : "FAILED");
                }
            }
        }
        out.printf(Locale.ROOT, "%d of %d parameter tensors agree with finite differences within %s%n",
                total - failed, total, tolerance);
        out.flush();
        if (failed > 0) {
            throw new CliFailure(failed + " gradient check" + (failed == 1 ? "" : "s") + " failed: backpropagation "
                    + "disagrees with finite differences on the " + backend.name() + " backend");
        }
        return Failures.SUCCESS;
    }

    private Network network(Activation hidden, LossKind loss, Backend backend) {
        Activation output = loss == LossKind.CROSS_ENTROPY ? Activation.IDENTITY : Activation.SIGMOID;
        return Network.builder().input(SIZES[0]).dense(SIZES[1], hidden).dense(SIZES[2], output)
                .loss(loss).initializer(Initializer.XAVIER).seed(seed).backend(backend).build();
    }

    private static Tensor uniform(int rows, int cols, SplittableRandom random) {
        Tensor t = new Tensor(rows, cols);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) random.nextDouble(-1, 1);
        }
        return t;
    }

    private static Tensor oneHot(int rows, int classes, SplittableRandom random) {
        Tensor t = new Tensor(rows, classes);
        for (int r = 0; r < rows; r++) {
            t.set(r, random.nextInt(classes), 1f);
        }
        return t;
    }
}
