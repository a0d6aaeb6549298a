package dev.scratchnet.bench;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
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
 * The element-wise kernels: activations, softmax, the losses and the optimizer updates.
 *
 * <p><b>What is measured:</b> one call of each kernel at 64x128 (a hidden layer of the relu128 network
 * at batch 64: 8,192 values) and 1024x1024 (about a million values, more than the L2 cache holds):
 * {@code activationForward} is {@code addBiasActivate} (y = f(z + b)) and {@code activationBackward}
 * is g ⊙ f′(y), for every {@link Activation}; then {@code softmaxRows}, the fused
 * {@code softmaxCrossEntropy}, {@code meanSquaredError}, and the {@code sgdStep}, {@code momentumStep}
 * and {@code adamStep} updates of a parameter of that size. The activation parameter only applies to
 * the two activation benchmarks (they use their own state), so the others are not repeated per
 * activation.
 *
 * <p><b>What could mislead:</b> these kernels move memory more than they compute, so at 1M values
 * they measure memory bandwidth, which the other sessions on the machine share. Softmax over rows of
 * 1024 is wider than a 10-class output; at 64x128 the row length is realistic. Sigmoid, tanh and
 * softmax spend most of their time in {@code exp}, whose cost depends on the JDK's intrinsics. The
 * optimizer updates change the parameter in place on every call; the values drift slowly (η = 1e-3)
 * and never reach denormals or infinities, so the cost stays steady. The simd backend threads only
 * matrix products, so these benchmarks have no threads parameter.
 *
 * <p><b>How to run:</b> {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar
 * ElementwiseBenchmark -rf csv -rff elementwise.csv}, then {@link JmhTable}; or the profiles in
 * docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ElementwiseBenchmark {
    private static final float LEARNING_RATE = 1e-3f;

    /** Inputs for the activation kernels, one activation at a time. */
    @State(Scope.Benchmark)
    public static class ActivationState {
        /** Which kernels: {@code scalar} or {@code simd}. */
        @Param({"scalar", "simd"})
        public String backend;

        /** rows x cols of the tensors. */
        @Param({"64x128", "1024x1024"})
        public String size;

        /** The activation, as the command line spells it. */
        @Param({"identity", "sigmoid", "tanh", "relu", "leaky-relu"})
        public String activation;

        Backend kernels;
        Activation f;
        Tensor z;
        Tensor bias;
        Tensor output;
        Tensor gradOutput;
        Tensor gradInput;

        /** Resolves the backend and fills the inputs with seeded random numbers. */
        @Setup(Level.Trial)
        public void setUp() {
            kernels = BenchBackends.select(backend, 1);
            f = Activation.parse(activation);
            int[] rc = rowsCols(size);
            SplittableRandom random = new SplittableRandom(42);
            z = RandomTensors.uniform(rc[0], rc[1], -4f, 4f, random);
            bias = RandomTensors.uniform(1, rc[1], -1f, 1f, random);
            output = new Tensor(rc[0], rc[1]);
            kernels.addBiasActivate(z, bias, f, output); // a realistic y for the backward pass
            gradOutput = RandomTensors.uniform(rc[0], rc[1], -1f, 1f, random);
            gradInput = new Tensor(rc[0], rc[1]);
        }
    }

    /** Inputs for the kernels that take no activation. */
    @State(Scope.Benchmark)
    public static class KernelState {
        /** Which kernels: {@code scalar} or {@code simd}. */
        @Param({"scalar", "simd"})
        public String backend;

        /** rows x cols of the tensors. */
        @Param({"64x128", "1024x1024"})
        public String size;

        Backend kernels;
        Tensor logits;
        Tensor targets;
        Tensor out;
        Tensor param;
        Tensor grad;
        Tensor velocity;
        Tensor firstMoment;
        Tensor secondMoment;
        long adamSteps;

        /** Resolves the backend and fills the inputs with seeded random numbers. */
        @Setup(Level.Trial)
        public void setUp() {
            kernels = BenchBackends.select(backend, 1);
            int[] rc = rowsCols(size);
            SplittableRandom random = new SplittableRandom(42);
            logits = RandomTensors.uniform(rc[0], rc[1], -5f, 5f, random);
            targets = RandomTensors.oneHot(rc[0], rc[1], random);
            out = new Tensor(rc[0], rc[1]);
            param = RandomTensors.uniform(rc[0], rc[1], -0.1f, 0.1f, random);
            grad = RandomTensors.uniform(rc[0], rc[1], -1f, 1f, random);
            velocity = new Tensor(rc[0], rc[1]);
            firstMoment = new Tensor(rc[0], rc[1]);
            secondMoment = new Tensor(rc[0], rc[1]);
        }
    }

    /** @return y = f(z + b) */
    @Benchmark
    public Tensor activationForward(ActivationState s) {
        s.kernels.addBiasActivate(s.z, s.bias, s.f, s.output);
        return s.output;
    }

    /** @return ∂L/∂z = ∂L/∂y ⊙ f′(y) */
    @Benchmark
    public Tensor activationBackward(ActivationState s) {
        s.kernels.activationBackward(s.f, s.output, s.gradOutput, s.gradInput);
        return s.gradInput;
    }

    /** @return the row-wise softmax of the logits */
    @Benchmark
    public Tensor softmax(KernelState s) {
        s.kernels.softmaxRows(s.logits, s.out);
        return s.out;
    }

    /** @return the summed loss; the gradient goes to a buffer */
    @Benchmark
    public double softmaxCrossEntropy(KernelState s) {
        return s.kernels.softmaxCrossEntropy(s.logits, s.targets, s.out);
    }

    /** @return the summed quadratic loss; the gradient goes to a buffer */
    @Benchmark
    public double meanSquaredError(KernelState s) {
        return s.kernels.meanSquaredError(s.logits, s.targets, s.out);
    }

    /** @return the parameter after w = w − η g */
    @Benchmark
    public Tensor sgdStep(KernelState s) {
        s.kernels.sgdStep(s.param, s.grad, LEARNING_RATE, 0f);
        return s.param;
    }

    /** @return the parameter after a momentum update with μ = 0.9 */
    @Benchmark
    public Tensor momentumStep(KernelState s) {
        s.kernels.momentumStep(s.param, s.grad, s.velocity, LEARNING_RATE, 0.9f, 0f, false);
        return s.param;
    }

    /** @return the parameter after an Adam update */
    @Benchmark
    public Tensor adamStep(KernelState s) {
        s.kernels.adamStep(s.param, s.grad, s.firstMoment, s.secondMoment, LEARNING_RATE, 0.9f, 0.999f, 1e-8f,
                ++s.adamSteps, 0f);
        return s.param;
    }

    /** Parses {@code ROWSxCOLS}, for example {@code 64x128}. */
    static int[] rowsCols(String size) {
        String[] parts = size.trim().split("x");
        try {
            if (parts.length == 2) {
                int rows = Integer.parseInt(parts[0]);
                int cols = Integer.parseInt(parts[1]);
                if (rows > 0 && cols > 0) {
                    return new int[] {rows, cols};
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("size '" + size + "' should be ROWSxCOLS with positive sizes, for example 64x128");
    }
}
