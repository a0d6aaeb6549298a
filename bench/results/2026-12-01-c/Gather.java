package dev.scratchnet.bench;
import dev.scratchnet.data.*;
import java.nio.file.Path;
import java.util.*;
public class Gather {
    public static void main(String[] args) throws Exception {
        Dataset train = MnistDataset.load(Path.of("/work/shared/data/mnist"), MnistDataset.Split.TRAIN);
        int bs = Integer.parseInt(args[0]);
        Batch batch = new Batch(bs, train.inputSize(), train.outputSize());
        int[] order = new int[train.size()]; for (int i = 0; i < order.length; i++) order[i] = i;
        Random r = new Random(1); for (int i = order.length - 1; i > 0; i--) { int j = r.nextInt(i + 1); int t = order[i]; order[i] = order[j]; order[j] = t; }
        long[] t = new long[3 * (order.length / bs)]; int c = 0;
        for (int ep = 0; ep < 3; ep++) for (int b = 0; b + bs <= order.length; b += bs) { long t0 = System.nanoTime(); train.fillBatch(order, b, batch); t[c++] = System.nanoTime() - t0; }
        long[] x = Arrays.copyOfRange(t, c / 3, c); Arrays.sort(x);
        System.out.printf("batch %d: fillBatch median %.1f us, p90 %.1f%n", bs, x[x.length / 2] / 1e3, x[x.length * 9 / 10] / 1e3);
    }
}
