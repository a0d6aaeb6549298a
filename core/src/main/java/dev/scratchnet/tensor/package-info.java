/**
 * {@link dev.scratchnet.tensor.Tensor}: the row-major float matrix every other package works on.
 */
package dev.scratchnet.tensor;
