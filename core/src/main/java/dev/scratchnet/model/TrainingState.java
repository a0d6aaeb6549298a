package dev.scratchnet.model;

import dev.scratchnet.tensor.Tensor;
import java.util.List;

/**
 * Everything besides the weights that a stopped run needs to continue exactly: the configuration,
 * how many epochs are done, and the optimizer's memory. Saved with the model in a checkpoint.
 *
 * @param config the run's configuration
 * @param epochsCompleted how many whole epochs are done
 * @param optimizerSteps how many optimizer steps were taken
 * @param optimizerState the optimizer's state tensors (copies)
 */
public record TrainingState(TrainingConfig config, int epochsCompleted, long optimizerSteps,
                            List<Tensor> optimizerState) {
    /**
     * Checks the counts and copies the list.
     *
     * @param config see the record description
     * @param epochsCompleted see the record description
     * @param optimizerSteps see the record description
     * @param optimizerState see the record description
     */
    public TrainingState {
        if (epochsCompleted < 0 || optimizerSteps < 0) {
            throw new IllegalArgumentException("training state counts must not be negative: epochs "
                    + epochsCompleted + ", steps " + optimizerSteps);
        }
        optimizerState = List.copyOf(optimizerState);
    }
}
