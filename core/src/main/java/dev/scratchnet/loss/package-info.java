/**
 * Losses and their gradients: {@link dev.scratchnet.loss.SoftmaxCrossEntropy} (fused, for
 * classification) and {@link dev.scratchnet.loss.MeanSquaredError} (the quadratic cost).
 */
package dev.scratchnet.loss;
