package dev.scratchnet.bench;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.model.Network;
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
 * Inference: {@code Network.predict} on 1000 images, the way a trained model is used.
 *
 * <p><b>What is measured:</b> one call of {@code predict} on a 1000 × 784 input for each network of
 * {@link BenchNetwork} (forward pass without dropout, then softmax for the cross-entropy networks).
 * Divide 1000 by the time for images per second.
 *
 * <p><b>What could mislead:</b> {@code predict} allocates its activations and result (it is
 * thread-safe and keeps nothing between calls), so this includes allocation and young-GC cost, as a
 * server would see it; the training step, not this, is the one that must not allocate. The weights are
 * freshly initialised, not trained: the kernels cost the same either way. The inputs are random values
 * in [0, 1), like normalised pixels.
 *
 * <p><b>How to run:</b> {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar
 * InferenceBenchmark -rf csv -rff inference.csv}, then {@link JmhTable}; or the profiles in
 * docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class InferenceBenchmark {
    /** Images per call. */
    static final int IMAGES = 1000;

    /** Which kernels: {@code scalar} or {@code simd}. */
    @Param({"scalar", "simd"})
    public String backend;

    /** How many threads a matrix product may use (the scalar backend always uses one). */
    @Param({"1", "2"})
    public int threads;

    /** Which network: {@code nielsen}, {@code relu128} or {@code deep}. */
    @Param({"nielsen", "relu128", "deep"})
    public String network;

    private Network net;
    private Tensor images;

    /** Builds the network and draws the images. */
    @Setup(Level.Trial)
    public void setUp() {
        Backend kernels = BenchBackends.select(backend, threads);
        net = BenchNetwork.parse(network).build(kernels, 42);
        images = RandomTensors.uniform(IMAGES, BenchNetwork.INPUTS, 0f, 1f, new SplittableRandom(7));
    }

    /** @return the predicted probabilities (or outputs), 1000 × 10 */
    @Benchmark
    public Tensor predict() {
        return net.predict(images);
    }
}
