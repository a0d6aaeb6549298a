package dev.scratchnet.bench;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.data.*;
import dev.scratchnet.model.*;
import dev.scratchnet.tensor.Tensor;
import java.lang.reflect.*;
import java.nio.file.Path;
import java.util.*;

/** (From 2026-12-02, afternoon: prints every op above 0.3 µs, not 5, the sum of the per-step op medians, and takes -Dset; earlier logs were made before that.) Trains a network, switching a static boolean of an implementation class every 8 steps; per-op and per-step medians per mode. */
public class OpAB {
    static final Map<String, List<Long>[]> T = new TreeMap<>();
    static boolean on = false;
    static Thread main;
    static int step = -1, mode = 0;
    static long stepStart;
    static List<Long>[] steps = new List[] {new ArrayList<Long>(), new ArrayList<Long>()};
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        String firstOp = args[2];
        boolean byThreads = args[3].equals("threads");
        Field flag = byThreads ? null : Class.forName(args[3]).getDeclaredField(args[4]);
        if (flag != null) flag.setAccessible(true);
        // -Dset=CLASS.FIELD[,CLASS.FIELD] sets static booleans to true before training.
        for (String cf : System.getProperty("set", "").split(",")) {
            if (cf.isEmpty()) continue;
            int dot = cf.lastIndexOf('.');
            Field f = Class.forName(cf.substring(0, dot)).getDeclaredField(cf.substring(dot + 1));
            f.setAccessible(true);
            f.setBoolean(null, true);
        }
        Backend one = BenchBackends.select("simd", 1);
        main = Thread.currentThread();
        Backend real = BenchBackends.select("simd", threads);
        Backend b = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
            (p, m, a) -> {
                if (Thread.currentThread() != main) {
                    try { return m.invoke(real, a); } catch (InvocationTargetException e) { throw e.getCause(); }
                }
                StringBuilder key = new StringBuilder(m.getName());
                if (a != null) for (Object o : a) if (o instanceof Tensor t) key.append(' ').append(t.rows()).append('x').append(t.cols());
                String k = key.toString();
                long t0 = System.nanoTime();
                if (k.equals(firstOp)) {
                    if (on && step >= 0) steps[mode].add(t0 - stepStart);
                    step++;
                    mode = (step / 8) % 2;
                    if (flag != null) flag.setBoolean(null, mode == 1);
                    stepStart = t0;
                }
                try { return m.invoke(byThreads && mode == 0 ? one : real, a); } catch (InvocationTargetException e) { throw e.getCause(); }
                finally {
                    if (on) {
                        long dt = System.nanoTime() - t0;
                        T.computeIfAbsent(k, x -> new List[] {new ArrayList<Long>(), new ArrayList<Long>()})[mode].add(dt);
                    }
                }
            });
        Dataset train = MnistDataset.load(Path.of("/work/shared/data/mnist"), MnistDataset.Split.TRAIN);
        BenchNetwork net = BenchNetwork.parse(args[1]);
        Network n = net.build(b, 42);
        Trainer tr = new Trainer(n, net.config(Integer.parseInt(args[5]), 42));
        tr.addListener(new TrainingListener() {
            @Override public void onEpochEnd(EpochStats s) { System.out.println("epoch " + s.seconds()); on = true; }
        });
        tr.fit(train, null);
        System.out.printf("%-50s %10s %10s %7s%n", "op (median us)", args[4] + "=false", "=true", "ratio");
        System.out.printf("%-50s %10.1f %10.1f %7.3f%n", "STEP", med(steps[0]), med(steps[1]), med(steps[1]) / med(steps[0]));
        T.entrySet().stream().filter(e -> med(e.getValue()[0]) > 0.3).sorted((x, y) -> Double.compare(med(y.getValue()[0]), med(x.getValue()[0])))
            .forEach(e -> System.out.printf("%-50s %10.1f %10.1f %7.3f%n", e.getKey(), med(e.getValue()[0]), med(e.getValue()[1]), med(e.getValue()[1]) / med(e.getValue()[0])));
        // Ops called once a step (count within 20% of the step count): their medians' sum; the rest of the step is outside the backend.
        double[] sum = new double[2];
        for (int m = 0; m < 2; m++) for (List<Long>[] v : T.values()) if (v[m].size() >= steps[m].size() * 0.8) sum[m] += med(v[m]);
        System.out.printf("%-50s %10.1f %10.1f%n", "sum of per-step ops", sum[0], sum[1]);
        System.out.printf("%-50s %10.1f %10.1f%n", "outside the backend (step - sum)", med(steps[0]) - sum[0], med(steps[1]) - sum[1]);
    }
    static double med(List<Long> l) { if (l.isEmpty()) return Double.NaN; long[] x = l.stream().mapToLong(Long::longValue).sorted().toArray(); return x[x.length / 2] / 1e3; }
}
