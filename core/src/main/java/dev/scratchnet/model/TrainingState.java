package dev.scratchnet.model;

import dev.scratchnet.tensor.Tensor;
import java.util.List;

/**
 * Everything besides the weights that a stopped run needs to continue exactly: the configuration,
 * how many epochs are done, the optimizer's memory, and what the run learnt from its validation
 * set (how many examples were held out, and the best accuracy on them so far, which the next
 * epoch has to beat to count as the best model), and how far the training images were shifted
 * ({@link Trainer#augment}), since the shifts are part of the run. Saved with the model in a checkpoint.
 *
 * @param config the run's configuration
 * @param epochsCompleted how many whole epochs are done
 * @param optimizerSteps how many optimizer steps were taken
 * @param optimizerState the optimizer's state tensors (copies)
 * @param validationSize how many examples were held out for validation, 0 for none
 * @param bestValidationAccuracy the best validation accuracy so far, NaN if there is none yet
 * @param imageShift the largest random shift of the training images in pixels, 0 for none
 */
public record TrainingState(TrainingConfig config, int epochsCompleted, long optimizerSteps,
                            List<Tensor> optimizerState, int validationSize, double bestValidationAccuracy,
                            int imageShift) {
    /**
     * Checks the counts and copies the list.
     *
     * @param config see the record description
     * @param epochsCompleted see the record description
     * @param optimizerSteps see the record description
     * @param optimizerState see the record description
     * @param validationSize see the record description
     * @param bestValidationAccuracy see the record description
     * @param imageShift see the record description
     */
    public TrainingState {
        if (epochsCompleted < 0 || optimizerSteps < 0 || validationSize < 0 || imageShift < 0) {
            throw new IllegalArgumentException("training state counts must not be negative: epochs "
                    + epochsCompleted + ", steps " + optimizerSteps + ", validation examples " + validationSize
                    + ", image shift " + imageShift);
        }
        if (!Double.isNaN(bestValidationAccuracy) && !(bestValidationAccuracy >= 0 && bestValidationAccuracy <= 1)) {
            throw new IllegalArgumentException("best validation accuracy must be in [0, 1] or NaN, got "
                    + bestValidationAccuracy);
        }
        optimizerState = List.copyOf(optimizerState);
    }

    /**
     * A state of a run without image augmentation.
     *
     * @param config see the record description
     * @param epochsCompleted see the record description
     * @param optimizerSteps see the record description
     * @param optimizerState see the record description
     * @param validationSize see the record description
     * @param bestValidationAccuracy see the record description
     */
    public TrainingState(TrainingConfig config, int epochsCompleted, long optimizerSteps, List<Tensor> optimizerState,
                         int validationSize, double bestValidationAccuracy) {
        this(config, epochsCompleted, optimizerSteps, optimizerState, validationSize, bestValidationAccuracy, 0);
    }

    /**
     * A state of a run without validation or augmentation.
     *
     * @param config see the record description
     * @param epochsCompleted see the record description
     * @param optimizerSteps see the record description
     * @param optimizerState see the record description
     */
    public TrainingState(TrainingConfig config, int epochsCompleted, long optimizerSteps, List<Tensor> optimizerState) {
        this(config, epochsCompleted, optimizerSteps, optimizerState, 0, Double.NaN, 0);
    }
}
