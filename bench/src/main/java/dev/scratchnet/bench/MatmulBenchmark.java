package dev.scratchnet.bench;

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
 * Matrix products, the kernels that dominate training time.
 *
 * <p><b>What is measured:</b> the time of one product in each of the three forms training uses:
 * {@code matmul} out = a·b (forward, x·W), {@code matmulTransposeA} out = aᵀ·b (weight gradient,
 * xᵀ·g) and {@code matmulTransposeB} out = a·bᵀ (input gradient, g·Wᵀ), each giving out (m × n) with
 * the shared dimension k, for the shapes MxKxN below: 64x784x128 and 128x784x512 are the first layers of
 * the relu128 and deep networks, 64x128x10 their output layer, 256³ and 1024³ square products. All
 * three forms do 2·m·k·n flops, which {@link JmhTable} divides by the time to report GFLOPS. (In
 * training, aᵀ·b runs with other shapes, for example 784x64x128; here the forms share shapes so they
 * compare with each other.)
 *
 * <p><b>What could mislead:</b> the machine is shared, so compare backends within one run only, and
 * note the load ({@code uptime}). threads=2 on a 2-core machine competes with everything else that
 * runs. The scalar backend ignores {@code threads}, so {@link RunBenchmarks} measures it at threads=1
 * only. Up to 256³ the operands stay in cache between calls, which real training does not enjoy. Scalar
 * at 1024³ takes about 0.35 s per call; the quick profile leaves it out.
 *
 * <p><b>How to run:</b> {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar
 * MatmulBenchmark -p backend=simd -p threads=1,2 -rf csv -rff matmul.csv}, then
 * {@code java -cp bench/target/benchmarks.jar dev.scratchnet.bench.JmhTable matmul.csv}; or the
 * profiles in docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class MatmulBenchmark {
    /** Which kernels: {@code scalar} or {@code simd}. */
    @Param({"scalar", "simd"})
    public String backend;

    /** How many threads a product may use (the scalar backend always uses one). */
    @Param({"1", "2"})
    public int threads;

    /** The product out (m × n) = a (m × k) · b (k × n), as MxKxN. */
    @Param({"64x784x128", "128x784x512", "64x128x10", "256x256x256", "1024x1024x1024"})
    public String shape;

    private Backend kernels;
    private Tensor a;
    private Tensor b;
    private Tensor aTransposed;
    private Tensor bTransposed;
    private Tensor out;

    /** Resolves the backend and fills the factors with seeded random numbers. */
    @Setup(Level.Trial)
    public void setUp() {
        kernels = BenchBackends.select(backend, threads);
        Shape s = Shape.parse(shape);
        SplittableRandom random = new SplittableRandom(42);
        a = RandomTensors.uniform(s.m(), s.k(), -1f, 1f, random);
        b = RandomTensors.uniform(s.k(), s.n(), -1f, 1f, random);
        aTransposed = RandomTensors.uniform(s.k(), s.m(), -1f, 1f, random);
        bTransposed = RandomTensors.uniform(s.n(), s.k(), -1f, 1f, random);
        out = new Tensor(s.m(), s.n());
    }

    /** @return out = a·b */
    @Benchmark
    public Tensor matmul() {
        kernels.matmul(a, b, out);
        return out;
    }

    /** @return out = aᵀ·b */
    @Benchmark
    public Tensor matmulTransposeA() {
        kernels.matmulTransposeA(aTransposed, b, out);
        return out;
    }

    /** @return out = a·bᵀ */
    @Benchmark
    public Tensor matmulTransposeB() {
        kernels.matmulTransposeB(a, bTransposed, out);
        return out;
    }
}
