package dev.scratchnet.app;

import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.io.NetworkFormat;
import dev.scratchnet.io.SavedModel;
import dev.scratchnet.layer.Layer;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.TrainingState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scratchnet summary}: a saved model's layers with their output shapes and parameter counts,
 * like Keras's {@code model.summary()}. Every figure comes from the layer itself (its kind,
 * description, output shape and parameter count), so a layer added outside core shows up too.
 */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print a saved model's layers, their output shapes and parameter counts, and the total.")
final class SummaryCommand implements Callable<Integer> {
    private static final String[] HEADER = {"#", "layer", "kind", "output shape", "parameters"};

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by train.")
    Path model;

    @Override
    public Integer call() throws IOException {
        // Reading the weights needs no fast kernels; the scalar backend is always there.
        SavedModel saved = NetworkFormat.load(model, new ScalarBackend());
        PrintWriter out = spec.commandLine().getOut();
        out.println("model " + model + ": " + saved.network().describe());
        TrainingState state = saved.trainingState();
        if (state != null) {
            out.printf(Locale.ROOT, "checkpoint after epoch %d of %d (%s, batch %d%s)%n", state.epochsCompleted(),
                    state.config().epochs(), state.config().optimizer().cliName(), state.config().batchSize(),
                    state.imageShift() > 0 ? ", --augment " + state.imageShift() : "");
        }
        out.println();
        out.print(table(saved.network()));
        out.flush();
        return Failures.SUCCESS;
    }

    /**
     * The table, ending with a newline:
     * <pre>
     * #  layer         kind   output shape  parameters
     * 0  input                784                    0
     * 1  256(relu)     dense  256              200,960
     * 2  10(identity)  dense  10                 2,570
     * total parameters 203,530 (794.3 KiB as 32-bit floats), loss cross-entropy
     * </pre>
     */
    static String table(Network network) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        rows.add(new String[] {"0", "input", "", network.inputShape().toString(), "0"});
        List<Layer> layers = network.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            rows.add(new String[] {Integer.toString(i + 1), layer.describe(), layer.kind(), layer.outputShape().toString(),
                    String.format(Locale.ROOT, "%,d", layer.parameterCount())});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder s = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                // Numbers right-aligned so the digits line up; words left-aligned.
                boolean number = c == 0 || c == row.length - 1;
                String cell = number ? " ".repeat(widths[c] - row[c].length()) + row[c]
                        : row[c] + " ".repeat(widths[c] - row[c].length());
                line.append(c == 0 ? "" : "  ").append(cell);
            }
            s.append(line.toString().stripTrailing()).append('\n');
        }
        long parameters = network.parameterCount();
        s.append(String.format(Locale.ROOT, "total parameters %,d (%s as 32-bit floats), loss %s%n", parameters,
                bytes(parameters * Float.BYTES), network.loss().kind().cliName()));
        return s.toString();
    }

    /** 813,960 bytes → "794.9 KiB". */
    static String bytes(long count) {
        if (count < 1024) {
            return count + " bytes";
        }
        double kib = count / 1024.0;
        return kib < 1024 ? String.format(Locale.ROOT, "%.1f KiB", kib) : String.format(Locale.ROOT, "%.1f MiB", kib / 1024);
    }
}
