package dev.scratchnet.layer;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.tensor.Tensor;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One step of a network: a forward pass from input to output, and the backward pass that turns
 * ∂L/∂output into ∂L/∂input and fills the gradients of the layer's parameters.
 *
 * <p>Training uses {@link #forward} and {@link #backward}, which reuse buffers the layer owns (one
 * set per batch size), so a warm training step allocates nothing; those calls are not thread-safe.
 * {@link #infer} allocates its output and changes no state, so a trained layer can serve
 * predictions on several threads at once.
 *
 * <p>This is the seam a new layer plugs into. A layer knows its input and output {@link Shape}
 * (a batch is batch × shape.size(), one example per row), names its {@link #kind()} and
 * {@link #describe() describes} itself, and writes its own configuration; its parameters are saved
 * generically, in {@link #parameters()} order. To load it back, register a {@link LayerCodec} for its
 * kind with {@link LayerCodecs}. Model code never asks for a layer's class.
 */
public interface Layer {

    /** @return the shape of one input example */
    Shape inputShape();

    /** @return the shape of one output example */
    Shape outputShape();

    /** @return the number of input features, {@code inputShape().size()} */
    default int inputSize() {
        return inputShape().size();
    }

    /** @return the number of output features, {@code outputShape().size()} */
    default int outputSize() {
        return outputShape().size();
    }

    /** @return the key its {@link LayerCodec} is registered under, for example {@code dense} */
    String kind();

    /**
     * @return the layer as one short token of the architecture string {@code Network.describe()} joins
     *         with dashes, for example {@code 128(relu)} for a dense layer or {@code dropout(0.5)}
     */
    String describe();

    /**
     * Forward pass for training. The layer remembers what backward needs.
     *
     * @param backend the kernels to use
     * @param input x (batch × inputSize)
     * @return y (batch × outputSize), owned by the layer and valid until the next forward call
     */
    Tensor forward(Backend backend, Tensor input);

    /**
     * Backward pass, after {@link #forward} on the same batch: fills each parameter's gradient,
     * overwriting it (the optimizer steps after every backward pass, so nothing accumulates).
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

    /** @return the trainable parameters, empty for layers without any; the model file stores them in this order */
    List<Parameter> parameters();

    /** @return the number of trainable values */
    default long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.value().size();
        }
        return n;
    }

    /**
     * Draws the initial weights. The network builder calls it once per layer, in order, with one
     * seeded generator, so a seed gives the same network. Layers without weights keep this default,
     * which does nothing.
     *
     * @param initializer the scheme: the one the user chose, else {@link Initializer#defaultFor} the
     *                    layer's {@link #outputActivation()} (He before ReLU, Xavier otherwise)
     * @param random the source of randomness
     */
    default void initialize(Initializer initializer, RandomGenerator random) {
    }

    /**
     * Gives the layer a new source of training-time randomness (dropout masks); the trainer reseeds
     * every layer each epoch so runs are reproducible. Layers without randomness ignore it.
     *
     * @param random the generator to draw from
     */
    default void reseed(RandomGenerator random) {
    }

    /**
     * @return the element-wise function applied last to the output: identity for a layer whose
     *         output is not squashed (the network checks that a cross-entropy output layer is linear)
     */
    default Activation outputActivation() {
        return Activation.IDENTITY;
    }

    /**
     * @return each output unit's weights over its receptive field, for reports to draw; empty for a
     *         layer without such weights
     */
    default Optional<UnitWeights> unitWeights() {
        return Optional.empty();
    }

    /**
     * Writes the layer's configuration (not its parameters, which the model file writes from
     * {@link #parameters()}), for its {@link LayerCodec} to read back. The input shape is stored by
     * the network, so it need not be written.
     *
     * @param out where to write
     * @throws IOException if the stream fails
     */
    void writeConfig(DataOutput out) throws IOException;
}
