package dev.scratchnet.model;

/**
 * Hears about a training run as it goes: to draw progress bars, write metrics, save checkpoints
 * or stop early (through {@link Trainer#requestStop()}). Every method does nothing by default.
 * Listeners run on the training thread; {@link #onBatchEnd} runs once per step, so keep it cheap
 * and free of allocation.
 */
public interface TrainingListener {

    /**
     * @param epoch the 1-based epoch about to start
     * @param batches the number of batches in it
     */
    default void onEpochStart(int epoch, int batches) {
    }

    /**
     * @param epoch the 1-based epoch
     * @param batch the 1-based batch just finished
     * @param batches the number of batches in the epoch
     * @param loss the mean loss of this batch
     */
    default void onBatchEnd(int epoch, int batch, int batches, double loss) {
    }

    /**
     * Called after each complete epoch and its evaluation; {@link Trainer#state()} then describes the
     * run up to here, ready for a checkpoint.
     *
     * @param stats the epoch's figures
     */
    default void onEpochEnd(EpochStats stats) {
    }
}
