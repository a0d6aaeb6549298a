package dev.scratchnet.app;

/**
 * One row of the training history, as written to metrics.csv / metrics.json and drawn in the
 * learning curves. Values that were not measured (no validation set, say) are NaN.
 *
 * @param epoch 1-based
 * @param trainLoss mean training loss over the epoch
 * @param trainAccuracy fraction of training images right during the epoch
 * @param validationLoss loss on the held-out images, or NaN
 * @param validationAccuracy accuracy on the held-out images, or NaN
 * @param testLoss loss on the test set, or NaN
 * @param testAccuracy accuracy on the test set, or NaN
 * @param learningRate the learning rate used in the epoch
 * @param seconds training time of the epoch
 * @param imagesPerSecond training throughput
 */
record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                   double validationAccuracy, double testLoss, double testAccuracy, double learningRate,
                   double seconds, double imagesPerSecond) {
}
