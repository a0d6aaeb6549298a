package dev.scratchnet.layer;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.tensor.Tensor;
import java.util.List;

/**
 * One step of a network: a forward pass from input to output, and the backward pass that turns
 * ∂L/∂output into ∂L/∂input and fills the gradients of the layer's parameters.
 *
 * <p>Training uses {@link #forward} and {@link #backward}, which reuse buffers the layer owns (one
 * set per batch size), so a warm training step allocates nothing; those calls are not thread-safe.
 * {@link #infer} allocates its output and changes no state, so a trained layer can serve
 * predictions on several threads at once.
 */
public interface Layer {

    /** @return the number of input features */
    int inputSize();

    /** @return the number of output features */
    int outputSize();

    /**
     * Forward pass for training. The layer remembers what backward needs.
     *
     * @param backend the kernels to use
     * @param input x (batch × inputSize)
     * @return y (batch × outputSize), owned by the layer and valid until the next forward call
     */
    Tensor forward(Backend backend, Tensor input);

    /**
     * Backward pass, after {@link #forward} on the same batch: fills each parameter's gradient.
     *
     * @param backend the kernels to use
     * @param gradOutput ∂L/∂y (batch × outputSize)
     * @param needInputGradient false for the first layer, whose ∂L/∂x nobody uses
     * @return ∂L/∂x (batch × inputSize), owned by the layer, or null if not needed
     */
    Tensor backward(Backend backend, Tensor gradOutput, boolean needInputGradient);

    /**
     * Forward pass for prediction: no dropout, no remembered state, a freshly allocated output.
     *
     * @param backend the kernels to use
     * @param input x (batch × inputSize)
     * @return y (batch × outputSize): a new tensor, or the input itself for a layer that passes it through
     */
    Tensor infer(Backend backend, Tensor input);

    /** @return the trainable parameters, empty for layers without any */
    List<Parameter> parameters();
}
