/**
 * Optimizers ({@link dev.scratchnet.optim.Sgd}, {@link dev.scratchnet.optim.Momentum},
 * {@link dev.scratchnet.optim.Adam}) and the {@link dev.scratchnet.optim.LearningRateSchedule}.
 */
package dev.scratchnet.optim;
