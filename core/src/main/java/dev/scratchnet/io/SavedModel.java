package dev.scratchnet.io;

import dev.scratchnet.data.DatasetInfo;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.TrainingState;
import java.util.Optional;

/**
 * What a model file holds.
 *
 * @param network the network, with its weights
 * @param normalization how raw pixels were turned into inputs when it was trained
 * @param trainingState the state to resume training from, or null for a model saved without it
 * @param dataInfo the data the network was trained on (class names, input geometry, preprocessing),
 *                 or null for a model saved without it (every model of format version 1 and 2)
 */
public record SavedModel(Network network, Normalization normalization, TrainingState trainingState,
                         DatasetInfo dataInfo) {
    /**
     * A model without a data description.
     *
     * @param network the network, with its weights
     * @param normalization how raw pixels were turned into inputs
     * @param trainingState the training state, or null
     */
    public SavedModel(Network network, Normalization normalization, TrainingState trainingState) {
        this(network, normalization, trainingState, null);
    }

    /** @return the data description, or empty for a model saved without one */
    public Optional<DatasetInfo> data() {
        return Optional.ofNullable(dataInfo);
    }
}
