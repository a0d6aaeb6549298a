/**
 * The network and its training: {@link dev.scratchnet.model.Network} (built with its builder),
 * {@link dev.scratchnet.model.Trainer} with {@link dev.scratchnet.model.TrainingConfig} and
 * {@link dev.scratchnet.model.TrainingListener}s, {@link dev.scratchnet.model.Evaluation}, and
 * {@link dev.scratchnet.model.GradientCheck}, which verifies backpropagation numerically.
 */
package dev.scratchnet.model;
