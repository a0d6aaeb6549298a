package dev.scratchnet.model;

/**
 * Thrown when the loss stops being a finite number: the weights have blown up, usually because the
 * learning rate is too large. The weights at that point are useless; a checkpoint saved earlier
 * is not touched.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param epoch the 1-based epoch
     * @param batch the 1-based batch
     * @param learningRate the learning rate in use
     */
    public TrainingDivergedException(int epoch, int batch, float learningRate) {
        super("training diverged: the loss became NaN or infinite in epoch " + epoch + ", batch " + batch
                + " at learning rate " + learningRate + "; try a smaller learning rate (for example "
                + learningRate / 10 + ")");
    }
}
