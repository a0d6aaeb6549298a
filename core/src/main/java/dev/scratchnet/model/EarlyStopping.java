package dev.scratchnet.model;

/**
 * Stops training when validation accuracy has not improved for a number of epochs in a row.
 * Needs a validation set in {@link Trainer#fit}. Made after {@link Trainer#resumeFrom}, it starts
 * from the checkpoint's best accuracy, so a resumed run must beat that, not its own first epoch.
 */
public final class EarlyStopping implements TrainingListener {
    private final Trainer trainer;
    private final int patience;
    private double best = Double.NEGATIVE_INFINITY;
    private int epochsWithoutImprovement;

    /**
     * @param trainer the trainer to stop
     * @param patience epochs without improvement to allow, at least 1
     */
    public EarlyStopping(Trainer trainer, int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1 epoch, got " + patience);
        }
        this.trainer = trainer;
        this.patience = patience;
        if (!Double.isNaN(trainer.bestValidationAccuracy())) {
            best = trainer.bestValidationAccuracy();
        }
    }

    @Override
    public void onEpochEnd(EpochStats stats) {
        if (stats.validation() == null) {
            return;
        }
        double accuracy = stats.validation().accuracy();
        if (accuracy > best) {
            best = accuracy;
            epochsWithoutImprovement = 0;
        } else if (++epochsWithoutImprovement >= patience) {
            trainer.requestStop();
        }
    }
}
