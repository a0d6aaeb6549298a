import dev.scratchnet.data.*;
import java.nio.file.Path;
import java.util.*;

/** Times Dataset.fillBatch for random batches of MNIST's training set: median µs per batch over rounds. */
public class GatherBench {
    public static void main(String[] args) throws Exception {
        int batch = Integer.parseInt(args[0]);
        Dataset train = MnistDataset.load(Path.of("/work/shared/data/mnist"), MnistDataset.Split.TRAIN);
        int n = train.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Random r = new Random(1);
        Batch b = new Batch(batch, train.inputSize(), train.outputSize());
        double[] med = new double[15];
        for (int round = 0; round < med.length; round++) {
            for (int i = n - 1; i > 0; i--) { int j = r.nextInt(i + 1); int t = order[i]; order[i] = order[j]; order[j] = t; }
            long[] t = new long[n / batch];
            for (int s = 0; s < t.length; s++) {
                long t0 = System.nanoTime();
                train.fillBatch(order, s * batch, b);
                t[s] = System.nanoTime() - t0;
                // touch something else in between, like a training step does (~1 MB)
            }
            Arrays.sort(t);
            med[round] = t[t.length / 2] / 1e3;
        }
        System.out.println("batch " + batch + " median us per gather, by round: " + Arrays.toString(med));
    }
}
