import dev.scratchnet.backend.Activation;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.layer.Shape;
import dev.scratchnet.model.*;
import dev.scratchnet.simd.VectorBackend;
public class Cnn {
  public static void main(String[] a) {
    Dataset train = SyntheticData.bars(640, 16, 3);
    Network net = Network.builder().input(new Shape(1, 16, 16))
        .conv(5, 8, Activation.RELU).maxPool(2).conv(5, 8, Activation.RELU).maxPool(2)
        .dense(2, Activation.IDENTITY).backend(new VectorBackend(Integer.parseInt(a[0]))).seed(4).build();
    Trainer t = new Trainer(net, TrainingConfig.builder().learningRate(0.01f).batchSize(64).epochs(Integer.parseInt(a[1])).build());
    long t0=System.nanoTime();
    com.sun.management.ThreadMXBean mx=(com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
    final long b0=mx.getTotalThreadAllocatedBytes();
    int[] e={0};
    t.addListener(new TrainingListener(){ public void onEpochEnd(EpochStats st){ long b=mx.getTotalThreadAllocatedBytes(); if(e[0]++%20==0) System.out.println("epoch "+e[0]+" alloc MB "+(b-b0)/1e6); }});
    t.fit(train, null);
    System.out.println("s="+(System.nanoTime()-t0)/1e9);
  }
}
