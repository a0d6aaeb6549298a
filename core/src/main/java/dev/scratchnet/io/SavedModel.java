package dev.scratchnet.io;

import dev.scratchnet.data.Normalization;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.TrainingState;

/**
 * What a model file holds.
 *
 * @param network the network, with its weights
 * @param normalization how raw pixels were turned into inputs when it was trained
 * @param trainingState the state to resume training from, or null for a model saved without it
 */
public record SavedModel(Network network, Normalization normalization, TrainingState trainingState) {
}
