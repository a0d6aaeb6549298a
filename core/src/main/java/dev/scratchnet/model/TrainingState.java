package dev.scratchnet.model;

import dev.scratchnet.tensor.Tensor;
import java.util.List;

/**
 * Everything besides the weights that a stopped run needs to continue exactly: the configuration,
 * how many epochs are done, the optimizer's memory, and what the run learnt from its validation
 * set (how many examples were held out, and the best accuracy on them so far, which the next
 * epoch has to beat to count as the best model). Saved with the model in a checkpoint.
 *
 * @param config the run's configuration
 * @param epochsCompleted how many whole epochs are done
 * @param optimizerSteps how many optimizer steps were taken
 * @param optimizerState the optimizer's state tensors (copies)
 * @param validationSize how many examples were held out for validation, 0 for none
 * @param bestValidationAccuracy the best validation accuracy so far, NaN if there is none yet
 */
public record TrainingState(TrainingConfig config, int epochsCompleted, long optimizerSteps,
                            List<Tensor> optimizerState, int validationSize, double bestValidationAccuracy) {
    /**
     * Checks the counts and copies the list.
     *
     * @param config see the record description
     * @param epochsCompleted see the record description
     * @param optimizerSteps see the record description
     * @param optimizerState see the record description
     * @param validationSize see the record description
     * @param bestValidationAccuracy see the record description
     */
    public TrainingState {
        if (epochsCompleted < 0 || optimizerSteps < 0 || validationSize < 0) {
            throw new IllegalArgumentException("training state counts must not be negative: epochs "
                    + epochsCompleted + ", steps " + optimizerSteps + ", validation examples " + validationSize);
        }
        if (!Double.isNaN(bestValidationAccuracy) && !(bestValidationAccuracy >= 0 && bestValidationAccuracy <= 1)) {
            throw new IllegalArgumentException("best validation accuracy must be in [0, 1] or NaN, got "
                    + bestValidationAccuracy);
        }
        optimizerState = List.copyOf(optimizerState);
    }

    /**
     * A state of a run without validation.
     *
     * @param config see the record description
     * @param epochsCompleted see the record description
     * @param optimizerSteps see the record description
     * @param optimizerState see the record description
     */
    public TrainingState(TrainingConfig config, int epochsCompleted, long optimizerSteps, List<Tensor> optimizerState) {
        this(config, epochsCompleted, optimizerSteps, optimizerState, 0, Double.NaN);
    }
}
