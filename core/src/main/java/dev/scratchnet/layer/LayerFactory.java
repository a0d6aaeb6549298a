package dev.scratchnet.layer;

/**
 * Makes a layer for the point the network has reached: the builder passes the current shape, so
 * the layer's input always matches the layer before it. The builder's shorthands are one-liners
 * over it, for example {@code add((shape, index) -> new Dense(shape, 10, f, "dense" + index))}.
 */
@FunctionalInterface
public interface LayerFactory {
    /**
     * @param inputShape the shape the layer receives
     * @param index the layer's position in the network, 0 first, for naming its parameters
     * @return the new layer
     */
    Layer create(Shape inputShape, int index);
}
