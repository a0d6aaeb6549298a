package dev.scratchnet.testing;

import dev.scratchnet.model.TrainingListener;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * A training listener that measures what each epoch's training steps allocate on the training thread,
 * from the end of batch 1 to the end of the last batch: the first step, and whatever happens between
 * epochs, are left out. The tests that a warm step allocates nothing read {@link #last()}.
 */
public final class StepAllocation implements TrainingListener {
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final List<Long> perEpoch = new ArrayList<>();
    private long start;

    @Override
    public void onBatchEnd(int epoch, int batch, int batches, double loss) {
        if (batch == 1) {
            start = threads.getCurrentThreadAllocatedBytes();
        } else if (batch == batches) {
            perEpoch.add(threads.getCurrentThreadAllocatedBytes() - start);
        }
    }

    /** @return the bytes allocated by batches 2 … last of each epoch so far, in epoch order */
    public List<Long> perEpoch() {
        return List.copyOf(perEpoch);
    }

    /** @return the bytes allocated by batches 2 … last of the latest epoch */
    public long last() {
        return perEpoch.get(perEpoch.size() - 1);
    }
}
