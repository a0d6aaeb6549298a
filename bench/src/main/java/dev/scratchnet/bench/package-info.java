/**
 * Benchmarks that compare the backends: JMH micro-benchmarks of the kernels
 * ({@link dev.scratchnet.bench.MatmulBenchmark}, {@link dev.scratchnet.bench.ElementwiseBenchmark}),
 * of one training step and of inference ({@link dev.scratchnet.bench.TrainStepBenchmark},
 * {@link dev.scratchnet.bench.InferenceBenchmark}), a launcher for the quick and full profiles
 * ({@link dev.scratchnet.bench.RunBenchmarks}), a converter from JMH's CSV to a Markdown table
 * ({@link dev.scratchnet.bench.JmhTable}), and end-to-end MNIST training
 * ({@link dev.scratchnet.bench.EndToEndBench}). docs/benchmarks.md says how to run and read them.
 */
package dev.scratchnet.bench;
