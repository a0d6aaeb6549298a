package dev.scratchnet.bench;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.layer.Conv2d;
import dev.scratchnet.layer.Initializer;
import dev.scratchnet.layer.Layer;
import dev.scratchnet.layer.MaxPool2d;
import dev.scratchnet.layer.Shape;
import dev.scratchnet.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two convolutions of the course CNN and its two 2×2 max-pools, on a batch of 64: the layers that
 * dominate its training step.
 *
 * <p><b>What is measured:</b> {@code forward} is one training forward pass of the layer (im2col, the
 * product W·X, bias, ReLU and the move into example rows); {@code forwardBackward} adds the backward
 * pass (ReLU′, im2col again, the move into channel rows with the bias gradient, ∂L/∂W = δ·Xᵀ, and for conv2 also
 * ∂L/∂X = Wᵀ·δ and col2im). The backward pass alone is the difference. conv1 is 1×28×28 → 20×24×24
 * (the first layer, so without ∂L/∂x), conv2 is 20×12×12 → 40×8×8. Per call: conv1 forward 18.4 M
 * multiply-adds, backward 18.4 M; conv2 forward 81.9 M, backward 163.8 M. pool1 (20×24×24 → 20×12×12)
 * and pool2 (40×8×8 → 40×4×4) are the max-pools after them: forward finds each window's maximum and
 * where it was, backward routes ∂L/∂y there.
 *
 * <p><b>What could mislead:</b> the machine is shared, so compare backends within one run and note the
 * load ({@code uptime}). The input is random, not MNIST, and ∂L/∂y is random too: the cost does not
 * depend on the values (no subnormals arise). The layer runs the batch in groups whose columns X fit
 * in 2 MB (36 examples for conv1, 16 for conv2), so the products are smaller than one over the whole
 * batch. The scalar backend ignores {@code threads}.
 *
 * <p><b>How to run:</b> {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar
 * ConvBenchmark -rf csv -rff conv.csv}, then {@link JmhTable}; or {@link RunBenchmarks} with
 * {@code --include ConvBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class ConvBenchmark {
    /** Examples per batch, as in training. */
    static final int BATCH = 64;

    /** Which kernels: {@code scalar} or {@code simd}. */
    @Param({"scalar", "simd"})
    public String backend;

    /** How many threads the kernels may use (the scalar backend always uses one). */
    @Param({"1", "2"})
    public int threads;

    /**
     * Which layer: {@code conv1} (1×28×28, 5×5, 20 maps), {@code conv2} (20×12×12, 5×5, 40 maps), or the
     * 2×2 max-pools after them, {@code pool1} (20×24×24) and {@code pool2} (40×8×8).
     */
    @Param({"conv1", "conv2", "pool1", "pool2"})
    public String layer;

    private Backend kernels;
    private Layer conv;
    private Tensor input;
    private Tensor gradOutput;
    private boolean needInputGradient;

    /** Builds the layer with He weights and draws the input and ∂L/∂y. */
    @Setup(Level.Trial)
    public void setUp() {
        kernels = BenchBackends.select(backend, threads);
        boolean first = layer.equals("conv1");
        Shape in = switch (layer) {
            case "conv1" -> new Shape(1, 28, 28);
            case "conv2" -> new Shape(20, 12, 12);
            case "pool1" -> new Shape(20, 24, 24);
            case "pool2" -> new Shape(40, 8, 8);
            default -> throw new IllegalArgumentException("layer must be conv1, conv2, pool1 or pool2, got '" + layer + "'");
        };
        SplittableRandom random = new SplittableRandom(42);
        if (layer.startsWith("pool")) {
            conv = new MaxPool2d(in, 2, 2);
        } else {
            Conv2d c = new Conv2d(in, 5, first ? 20 : 40, 1, 0, Activation.RELU, layer);
            c.initialize(Initializer.HE, random);
            conv = c;
        }
        input = RandomTensors.uniform(BATCH, in.size(), 0f, 1f, random);
        gradOutput = RandomTensors.uniform(BATCH, conv.outputSize(), -1e-3f, 1e-3f, random);
        needInputGradient = !first;
    }

    /** @return y, the layer output */
    @Benchmark
    public Tensor forward() {
        return conv.forward(kernels, input);
    }

    /** @return ∂L/∂x, or y for conv1 (whose ∂L/∂x nobody needs) */
    @Benchmark
    public Tensor forwardBackward() {
        Tensor y = conv.forward(kernels, input);
        Tensor gradInput = conv.backward(kernels, gradOutput, needInputGradient);
        return gradInput != null ? gradInput : y;
    }
}
