/**
 * Layers: {@link dev.scratchnet.layer.Dense} (affine map plus activation, with the backprop
 * equations in its Javadoc and body), {@link dev.scratchnet.layer.Dropout}, their
 * {@link dev.scratchnet.layer.Parameter}s, and weight {@link dev.scratchnet.layer.Initializer}s.
 */
package dev.scratchnet.layer;
