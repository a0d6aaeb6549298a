package dev.scratchnet.layer;

import dev.scratchnet.tensor.Tensor;

/**
 * A trainable tensor and the gradient of the loss with respect to it, side by side.
 *
 * <p>Backward fills {@link #grad()}; an optimizer then moves {@link #value()} against it.
 *
 * @param name a label such as {@code dense0.weights}, for gradient-check reports
 * @param value the current values
 * @param grad ∂L/∂value, same shape, overwritten by every backward pass
 * @param decays whether L2 weight decay applies (weights yes, biases no)
 */
public record Parameter(String name, Tensor value, Tensor grad, boolean decays) {
    /**
     * Checks that value and grad have the same shape.
     *
     * @param name a label
     * @param value the values
     * @param grad the gradient buffer
     * @param decays whether L2 weight decay applies
     */
    public Parameter {
        if (!value.sameShape(grad)) {
            throw new IllegalArgumentException(name + ": value is " + value.shape() + ", grad is " + grad.shape());
        }
    }

    /**
     * Creates a zeroed parameter and its gradient buffer.
     *
     * @param name a label
     * @param rows rows
     * @param cols columns
     * @param decays whether L2 weight decay applies
     * @return the parameter
     */
    public static Parameter zeros(String name, int rows, int cols, boolean decays) {
        return new Parameter(name, new Tensor(rows, cols), new Tensor(rows, cols), decays);
    }
}
