package dev.scratchnet.model;

/**
 * What happened in one epoch.
 *
 * @param epoch the 1-based epoch number
 * @param epochs the planned number of epochs
 * @param trainLoss mean training loss over the epoch's batches
 * @param trainAccuracy fraction of training examples classified correctly during the epoch
 *                      (with dropout active; NaN for unlabelled data)
 * @param validation the evaluation on the held-out set after the epoch, or null if there is none
 * @param learningRate the learning rate used in this epoch
 * @param seconds wall-clock time of the training part of the epoch (excluding evaluation)
 * @param examples training examples seen in the epoch
 */
public record EpochStats(int epoch, int epochs, double trainLoss, double trainAccuracy, Evaluation validation,
                         float learningRate, double seconds, int examples) {

    /** @return training examples per second */
    public double examplesPerSecond() {
        return seconds > 0 ? examples / seconds : 0;
    }
}
