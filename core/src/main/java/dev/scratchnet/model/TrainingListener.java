package dev.scratchnet.model;

import java.util.Objects;
import java.util.function.Consumer;

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
     * The same call with the epoch's running figures, for a progress bar that shows them the way
     * Keras's {@code fit} does; by default it passes on to the four-argument form.
     *
     * @param epoch the 1-based epoch
     * @param batch the 1-based batch just finished
     * @param batches the number of batches in the epoch
     * @param loss the mean loss of this batch
     * @param epochLoss the mean loss over every example of this epoch so far
     * @param epochAccuracy the fraction of this epoch's examples so far classified correctly
     *                      (with dropout active), NaN for unlabelled data
     */
    default void onBatchEnd(int epoch, int batch, int batches, double loss, double epochLoss, double epochAccuracy) {
        onBatchEnd(epoch, batch, batches, loss);
    }

    /**
     * Called after each complete epoch and its evaluation; {@link Trainer#state()} then describes the
     * run up to here, ready for a checkpoint.
     *
     * @param stats the epoch's figures
     */
    default void onEpochEnd(EpochStats stats) {
    }

    /**
     * A listener that only hears about finished epochs, so it can be a lambda:
     * {@code trainer.addListener(TrainingListener.onEpochEnd(s -> System.out.println(s)))}.
     *
     * @param action what to do with each epoch's figures
     * @return the listener
     */
    static TrainingListener onEpochEnd(Consumer<EpochStats> action) {
        Objects.requireNonNull(action, "action");
        return new TrainingListener() {
            @Override
            public void onEpochEnd(EpochStats stats) {
                action.accept(stats);
            }
        };
    }
}
