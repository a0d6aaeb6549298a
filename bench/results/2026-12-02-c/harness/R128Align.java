package dev.scratchnet.bench;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.data.*;
import dev.scratchnet.layer.Parameter;
import dev.scratchnet.model.*;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.*;
/** Trains relu128, printing each epoch's seconds and where each parameter array's data falls in a 64-byte line. */
public class R128Align {
    static sun.misc.Unsafe U;
    static long mod64(Object o) {
        Object[] h = {o};
        long addr = (U.getInt(h, (long) U.arrayBaseOffset(Object[].class)) & 0xFFFFFFFFL) << 3;
        return (addr + U.arrayBaseOffset(float[].class)) % 64;
    }
    public static void main(String[] args) throws Exception {
        Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe"); f.setAccessible(true); U = (sun.misc.Unsafe) f.get(null);
        Dataset train = MnistDataset.load(Path.of(args[0]), MnistDataset.Split.TRAIN);
        int epochs = Integer.parseInt(args[1]);
        Backend backend = BenchBackends.select("simd", 1);
        Network net = BenchNetwork.RELU128.build(backend, 2);
        Trainer trainer = new Trainer(net, BenchNetwork.RELU128.config(epochs, 2));
        List<EpochStats> stats = new ArrayList<>();
        trainer.addListener(new TrainingListener() {
            @Override public void onEpochEnd(EpochStats s) { stats.add(s); trainer.requestStop(); }
        });
        StringBuilder sb = new StringBuilder();
        for (int e = 0; e < epochs; e++) {
            trainer.fit(train, null);
            sb.append(String.format(Locale.ROOT, "%.3f s [", stats.get(e).seconds()));
            for (Parameter p : net.parameters()) sb.append(p.value().rows() * p.value().cols() > 1000 ? mod64(p.value().data()) + "/" + mod64(p.grad().data()) + " " : "");
            sb.append("] ");
        }
        System.out.println(sb);
    }
}
