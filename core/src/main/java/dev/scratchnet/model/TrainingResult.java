package dev.scratchnet.model;

import java.util.List;

/**
 * The outcome of {@link Trainer#fit}.
 *
 * @param epochs the statistics of every epoch completed in this call
 * @param stoppedEarly true if {@link Trainer#requestStop()} ended the run before its last epoch
 */
public record TrainingResult(List<EpochStats> epochs, boolean stoppedEarly) {
    /**
     * Copies the list.
     *
     * @param epochs see the record description
     * @param stoppedEarly see the record description
     */
    public TrainingResult {
        epochs = List.copyOf(epochs);
    }

    /** @return the last completed epoch, or null if none completed */
    public EpochStats last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }
}
