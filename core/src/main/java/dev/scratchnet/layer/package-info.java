/**
 * Layers and the seam new ones plug into.
 *
 * <p>A {@link dev.scratchnet.layer.Layer} has a forward and a backward pass, its
 * {@link dev.scratchnet.layer.Parameter}s, and knows its input and output
 * {@link dev.scratchnet.layer.Shape}. A batch is always a row-major 2-D tensor, one example per row;
 * a shape c × h × w says how to read a row, channel-major: value (c, y, x) sits at column
 * (c·h + y)·w + x. A flat vector of n features is n × 1 × 1. The network builder passes the shape
 * from layer to layer, so a dense layer after an image layer simply sees c·h·w inputs.
 *
 * <p>The built-in layers are {@link dev.scratchnet.layer.Dense} (affine map plus activation, with the
 * backprop equations in its Javadoc and body), {@link dev.scratchnet.layer.Dropout}, and for images
 * {@link dev.scratchnet.layer.Conv2d} (convolution through im2col and the matrix products) and
 * {@link dev.scratchnet.layer.MaxPool2d} (the gradient routed to each window's winner); weights start
 * from an {@link dev.scratchnet.layer.Initializer}. A layer writes its own configuration into the model
 * file under its {@link dev.scratchnet.layer.Layer#kind() kind}, and the
 * {@link dev.scratchnet.layer.LayerCodec} registered for that kind in
 * {@link dev.scratchnet.layer.LayerCodecs} reads it back, so a layer written outside the library trains,
 * saves and loads like a built-in one.
 */
package dev.scratchnet.layer;
