package dev.scratchnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhTableTest {
    private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\","
            + "\"Score Error (99.9%)\",\"Unit\",\"Param: backend\",\"Param: network\",\"Param: shape\",\"Param: threads\"";

    private static final List<String> SAMPLE = List.of(HEADER,
            "\"dev.scratchnet.bench.MatmulBenchmark.matmul\",\"avgt\",1,5,1000.000000,20.000000,\"us/op\",scalar,,64x784x128,1",
            "\"dev.scratchnet.bench.MatmulBenchmark.matmul\",\"avgt\",1,5,250.000000,5.000000,\"us/op\",simd,,64x784x128,1",
            "\"dev.scratchnet.bench.MatmulBenchmark.matmul\",\"avgt\",1,5,125.000000,NaN,\"us/op\",simd,,64x784x128,2",
            "\"dev.scratchnet.bench.MatmulBenchmark.matmul\",\"avgt\",1,5,0.350000,0.010000,\"s/op\",scalar,,1024x1024x1024,1",
            "\"dev.scratchnet.bench.TrainStepBenchmark.step\",\"avgt\",1,5,6940.2,100.0,\"us/op\",scalar,relu128,,1",
            "\"dev.scratchnet.bench.TrainStepBenchmark.step:gc.alloc.rate.norm\",\"avgt\",1,5,0.004,0.001,\"B/op\",scalar,relu128,,1",
            "\"dev.scratchnet.bench.TrainStepBenchmark.step:gc.count\",\"avgt\",1,5,0,0,\"counts\",scalar,relu128,,1");

    @Test
    void gflopsAreTwoMknOverTheTime() {
        List<JmhTable.Row> rows = JmhTable.parse(SAMPLE, "sample.csv");
        assertEquals(5, rows.size(), "secondary metrics are not rows of their own");
        // 2·64·784·128 = 12,845,056 flops in 1 ms → 12.845 GFLOPS; in 250 µs → 51.38 GFLOPS
        assertEquals(12.845056, rows.get(0).gflops(), 1e-9);
        assertEquals(51.380224, rows.get(1).gflops(), 1e-9);
        assertEquals(102.760448, rows.get(2).gflops(), 1e-9);
        // 2·1024³ = 2,147,483,648 flops in 0.35 s → 6.136 GFLOPS
        assertEquals(2.0 * 1024 * 1024 * 1024 / 0.35 / 1e9, rows.get(3).gflops(), 1e-9);
        assertTrue(Double.isNaN(rows.get(4).gflops()), "only matrix products have GFLOPS");
    }

    @Test
    void tableShowsGflopsSpeedUpAndAllocation() {
        String table = JmhTable.render(JmhTable.parse(SAMPLE, "sample.csv"));
        List<String> lines = table.lines().toList();
        assertEquals("| benchmark | parameters | backend | threads | time/op | ± (99.9%) | GFLOPS | speed-up vs scalar "
                + "| alloc B/op |", lines.get(0));
        assertEquals("| MatmulBenchmark.matmul | shape=64x784x128 | scalar | 1 | 1.00 ms | 20.0 µs | 12.8 | 1.00× | – |",
                lines.get(2));
        assertEquals("| MatmulBenchmark.matmul | shape=64x784x128 | simd | 1 | 250 µs | 5.00 µs | 51.4 | 4.00× | – |",
                lines.get(3));
        assertEquals("| MatmulBenchmark.matmul | shape=64x784x128 | simd | 2 | 125 µs | – | 102.8 | 8.00× | – |",
                lines.get(4));
        assertEquals("| MatmulBenchmark.matmul | shape=1024x1024x1024 | scalar | 1 | 350 ms | 10.0 ms | 6.1 | 1.00× | – |",
                lines.get(5));
        assertEquals("| TrainStepBenchmark.step | network=relu128 | scalar | 1 | 6.94 ms | 100 µs | – | 1.00× | 0 |",
                lines.get(6));
        assertEquals(7, lines.size());
    }

    @Test
    void rowsGroupByBenchmarkThenWorkloadWhicheverFileTheyComeFrom() {
        // As RunBenchmarks writes them: all scalar rows first, then simd, which has an extra shape.
        List<String> csv = List.of(HEADER,
                "\"dev.scratchnet.bench.MatmulBenchmark.matmul\",\"avgt\",1,5,65.7,1,\"us/op\",scalar,,64x128x10,1",
                "\"dev.scratchnet.bench.TrainStepBenchmark.step\",\"avgt\",1,5,590,1,\"us/op\",scalar,nielsen,,1",
                "\"dev.scratchnet.bench.MatmulBenchmark.matmul\",\"avgt\",1,5,10.4,1,\"us/op\",simd,,64x128x10,1",
                "\"dev.scratchnet.bench.MatmulBenchmark.matmul\",\"avgt\",1,5,60000,1,\"us/op\",simd,,1024x1024x1024,1",
                "\"dev.scratchnet.bench.TrainStepBenchmark.step\",\"avgt\",1,5,136,1,\"us/op\",simd,nielsen,,1");
        List<String> lines = JmhTable.render(JmhTable.parse(csv, "run.csv")).lines().skip(2).toList();
        assertTrue(lines.get(0).contains("| shape=64x128x10 | scalar |"), lines.get(0));
        assertTrue(lines.get(1).contains("| shape=64x128x10 | simd |"), lines.get(1));
        assertTrue(lines.get(2).contains("| shape=1024x1024x1024 | simd |"), lines.get(2));
        assertTrue(lines.get(3).startsWith("| TrainStepBenchmark.step | network=nielsen | scalar |"), lines.get(3));
        assertTrue(lines.get(4).startsWith("| TrainStepBenchmark.step | network=nielsen | simd |"), lines.get(4));
    }

    @Test
    void throughputScoresBecomeTimes() {
        List<String> csv = List.of(HEADER,
                "\"dev.scratchnet.bench.MatmulBenchmark.matmul\",\"thrpt\",1,5,4.0,0.4,\"ops/ms\",simd,,64x784x128,1");
        JmhTable.Row row = JmhTable.parse(csv, "thrpt.csv").get(0);
        assertEquals(250e-6, row.seconds, 1e-12);
        assertEquals(25e-6, row.errorSeconds, 1e-12);
    }

    @Test
    void rowsWithoutAScalarTwinShowADash() {
        List<String> csv = List.of(HEADER,
                "\"dev.scratchnet.bench.MatmulBenchmark.matmul\",\"avgt\",1,5,250.0,5.0,\"us/op\",simd,,64x128x10,1");
        String row = JmhTable.render(JmhTable.parse(csv, "x.csv")).lines().toList().get(2);
        assertTrue(row.endsWith("| – |"), row);
    }

    @Test
    void mergesSeveralFiles(@TempDir Path dir) throws Exception {
        Path scalar = Files.writeString(dir.resolve("scalar.csv"), String.join("\n", SAMPLE.subList(0, 2)) + "\n");
        Path simd = Files.writeString(dir.resolve("simd.csv"), HEADER + "\n" + SAMPLE.get(2) + "\n");
        String table = JmhTable.render(JmhTable.read(List.of(scalar, simd)));
        assertTrue(table.contains("| simd | 1 | 250 µs | 5.00 µs | 51.4 | 4.00× |"), table);
    }

    @Test
    void notJmhCsvIsRejectedWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JmhTable.parse(List.of("a,b,c", "1,2,3"), "wrong.csv"));
        assertTrue(e.getMessage().contains("wrong.csv is not JMH CSV") && e.getMessage().contains("-rf csv"),
                e.getMessage());
    }

    @Test
    void quotedFieldsMayHoldCommasAndQuotes() {
        assertEquals(List.of("a,b", "say \"hi\"", "", "3"), JmhTable.splitCsv("\"a,b\",\"say \"\"hi\"\"\",,3"));
    }

    @Test
    void timesUseAReadableUnit() {
        assertEquals("812 µs", JmhTable.formatTime(812e-6));
        assertEquals("3.41 ms", JmhTable.formatTime(3.41e-3));
        assertEquals("1.20 s", JmhTable.formatTime(1.2));
        assertEquals("45.0 ns", JmhTable.formatTime(45e-9));
    }
}
