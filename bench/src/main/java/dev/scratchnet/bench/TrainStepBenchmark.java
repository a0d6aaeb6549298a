package dev.scratchnet.bench;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.layer.Parameter;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.optim.Optimizer;
import dev.scratchnet.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
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
 * One full training step of each benchmark network: what an epoch repeats 60000 / batch times.
 *
 * <p><b>What is measured:</b> forward pass, loss and ∂L/∂output, backward pass and optimizer update,
 * exactly the body of {@code Trainer.fit}'s batch loop (minus copying the batch out of the data set),
 * for the three networks of {@link BenchNetwork}: nielsen (784-30-10 sigmoid, quadratic, SGD, batch 10),
 * relu128 (784-128-10 ReLU, softmax cross-entropy, momentum, batch 64), deep (784-512-256-10 ReLU,
 * softmax cross-entropy, Adam, batch 128) and cnn (the course CNN: conv 5×5×20, pool 2, conv 5×5×40,
 * pool 2, 640-100-10, momentum, batch 64). Multiply by the batches per epoch (6000, 938, 469, 938) for
 * an estimate of an epoch's compute; {@link EndToEndBench} measures real epochs.
 *
 * <p><b>What could mislead:</b> the inputs are random, not MNIST, and the network trains on 16 of
 * them in turn. The kernels cost the same for any normal values, but not for subnormal ones (below
 * 1.2e-38, which many CPUs handle in slow microcode): trained long enough on these batches, the deep
 * network's Adam first moments of dead ReLU units decay into subnormals and stay there (0.9 × the
 * smallest subnormal rounds back to itself), and its step gets about twice as slow after some 700
 * steps. So every measurement iteration restarts from the initial weights and a zeroed optimizer
 * state (copied in place, allocating nothing), and the numbers describe the first steps of training
 * whatever the run length. Allocation: a warm step should allocate nothing; check with
 * {@code -prof gc} that {@code gc.alloc.rate.norm} is about 0 B/op. The small nielsen step
 * (10 × 784 inputs) is dominated by call overhead and the output-sized kernels.
 *
 * <p><b>How to run:</b> {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar
 * TrainStepBenchmark -prof gc -rf csv -rff trainstep.csv}, then {@link JmhTable}; or the profiles in
 * docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class TrainStepBenchmark {
    /** Batches the step cycles through, so the network does not fit a single batch. */
    static final int BATCHES = 16;

    /** Which kernels: {@code scalar} or {@code simd}. */
    @Param({"scalar", "simd"})
    public String backend;

    /** How many threads a matrix product may use (the scalar backend always uses one). */
    @Param({"1", "2"})
    public int threads;

    /** Which network: {@code nielsen}, {@code relu128}, {@code deep} or {@code cnn}. */
    @Param({"nielsen", "relu128", "deep", "cnn"})
    public String network;

    private Backend kernels;
    private Network net;
    private Optimizer optimizer;
    private float learningRate;
    private Tensor[] inputs;
    private Tensor[] targets;
    private Tensor gradOutput;
    private Tensor[] initialValues;
    private List<Tensor> zeroState;
    private int next;

    /** Builds the network and its optimizer and draws the random batches. */
    @Setup(Level.Trial)
    public void setUp() {
        kernels = BenchBackends.select(backend, threads);
        BenchNetwork spec = BenchNetwork.parse(network);
        net = spec.build(kernels, 42);
        TrainingConfig config = spec.config(1, 42);
        optimizer = config.createOptimizer();
        optimizer.prepare(net.parameters());
        learningRate = config.learningRate();
        SplittableRandom random = new SplittableRandom(7);
        inputs = new Tensor[BATCHES];
        targets = new Tensor[BATCHES];
        for (int i = 0; i < BATCHES; i++) {
            inputs[i] = RandomTensors.uniform(spec.batchSize(), BenchNetwork.INPUTS, 0f, 1f, random);
            targets[i] = RandomTensors.oneHot(spec.batchSize(), BenchNetwork.CLASSES, random);
        }
        gradOutput = new Tensor(spec.batchSize(), BenchNetwork.CLASSES);
        List<Parameter> parameters = net.parameters();
        initialValues = new Tensor[parameters.size()];
        for (int i = 0; i < initialValues.length; i++) {
            initialValues[i] = parameters.get(i).value().copy();
        }
        zeroState = new ArrayList<>();
        for (Tensor t : optimizer.state()) {
            zeroState.add(new Tensor(t.rows(), t.cols()));
        }
    }

    /** Puts back the initial weights and a zeroed optimizer, so every iteration measures the same phase of training. */
    @Setup(Level.Iteration)
    public void restart() {
        List<Parameter> parameters = net.parameters();
        for (int i = 0; i < initialValues.length; i++) {
            parameters.get(i).value().copyFrom(initialValues[i]);
        }
        optimizer.restore(0, zeroState);
        next = 0;
    }

    /** @return the summed loss of the batch, before the update */
    @Benchmark
    public double step() {
        int i = next;
        next = (i + 1) % BATCHES;
        Tensor output = net.forward(inputs[i]);
        double loss = net.loss().lossAndGradient(kernels, output, targets[i], gradOutput);
        net.backward(gradOutput);
        optimizer.step(kernels, net.parameters(), learningRate);
        return loss;
    }
}
