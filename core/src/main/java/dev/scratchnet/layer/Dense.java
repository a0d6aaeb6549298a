package dev.scratchnet.layer;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.tensor.Tensor;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Fully connected layer with its activation: y = f(z), z = x·W + b, with x (batch × in),
 * W (in × out), b (1 × out), y (batch × out). This is one "layer" l of docs/backprop.md:
 * x is a<sup>l−1</sup>, y is a<sup>l</sup>.
 *
 * <p>Backward, given g = ∂L/∂y:
 * <ul>
 *   <li>δ = g ⊙ f′(z), the error at this layer (BP1 for the last layer, BP2 otherwise);</li>
 *   <li>∂L/∂b = column sums of δ (BP3);</li>
 *   <li>∂L/∂W = xᵀ·δ (BP4);</li>
 *   <li>∂L/∂x = δ·Wᵀ, the g of the layer below.</li>
 * </ul>
 * The bias add and the activation are one fused kernel, so z is never stored: f′ is computed from y.
 *
 * <p>An image input (c × h × w) is simply read as its c·h·w values; the output is a flat vector.
 * Saved as kind {@code dense} with its units and activation.
 */
public final class Dense implements Layer {
    /** Reads a dense layer back from a model file. */
    public static final LayerCodec CODEC = new LayerCodec() {
        @Override
        public String kind() {
            return "dense";
        }

        @Override
        public Layer read(Shape inputShape, int index, DataInput config) throws IOException {
            int units = config.readInt();
            if (units > MAX_UNITS) {
                throw new IllegalArgumentException("a dense layer of " + units + " units is beyond " + MAX_UNITS);
            }
            return new Dense(inputShape, units, Activation.parse(config.readUTF()), "dense" + index);
        }
    };

    /** The widest layer a model file may describe; a larger claim means damage, refused before allocating. */
    private static final int MAX_UNITS = 1 << 24;

    private final Shape inputShape;
    private final int inputSize;
    private final int outputSize;
    private final Activation activation;
    private final Parameter weights;
    private final Parameter bias;
    /** Per batch size: [0] y, [1] δ. */
    private final BatchBuffers outputBuffers;
    /** Per batch size: [0] ∂L/∂x. */
    private final BatchBuffers inputBuffers;
    private Tensor input;
    private Tensor output;

    /**
     * Creates a layer with zero weights; see {@link #initialize}.
     *
     * @param inputSize in, at least 1
     * @param outputSize out, at least 1
     * @param activation f
     * @param name a label for the parameters, for example {@code dense0}
     */
    public Dense(int inputSize, int outputSize, Activation activation, String name) {
        this(Shape.flat(checkSize(inputSize, outputSize)), outputSize, activation, name);
    }

    /**
     * Creates a layer with zero weights over an input of any shape; see {@link #initialize}.
     *
     * @param inputShape the shape of one input example; the layer reads its c·h·w values
     * @param outputSize out, at least 1
     * @param activation f
     * @param name a label for the parameters, for example {@code dense0}
     */
    public Dense(Shape inputShape, int outputSize, Activation activation, String name) {
        int inputSize = checkSize(inputShape.size(), outputSize);
        this.inputShape = inputShape;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.activation = Objects.requireNonNull(activation, "activation");
        this.weights = Parameter.zeros(name + ".weights", inputSize, outputSize, true);
        this.bias = Parameter.zeros(name + ".bias", 1, outputSize, false);
        this.outputBuffers = new BatchBuffers(outputSize, 2);
        this.inputBuffers = new BatchBuffers(inputSize, 1);
    }

    private static int checkSize(int inputSize, int outputSize) {
        if (inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException("dense layer must be at least 1×1, got " + inputSize + "×" + outputSize);
        }
        return inputSize;
    }

    /**
     * Draws the initial weights and biases, with fan-in in and fan-out out.
     *
     * @param initializer the scheme
     * @param random the source of randomness
     */
    @Override
    public void initialize(Initializer initializer, RandomGenerator random) {
        initializer.initialize(weights.value().data(), bias.value().data(), inputSize, outputSize, random);
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return Shape.flat(outputSize);
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    @Override
    public String kind() {
        return "dense";
    }

    /** @return the units and activation, for example {@code 128(relu)} */
    @Override
    public String describe() {
        return outputSize + "(" + activation.cliName() + ")";
    }

    /** @return f */
    public Activation activation() {
        return activation;
    }

    @Override
    public Activation outputActivation() {
        return activation;
    }

    /** @return row u is unit u's incoming weights W[·][u], over the whole input shape */
    @Override
    public Optional<UnitWeights> unitWeights() {
        Tensor w = weights.value();
        Tensor rows = new Tensor(outputSize, inputSize);
        for (int i = 0; i < inputSize; i++) {
            for (int u = 0; u < outputSize; u++) {
                rows.data()[u * inputSize + i] = w.data()[i * outputSize + u];
            }
        }
        return Optional.of(new UnitWeights(inputShape, rows));
    }

    /** Writes units (int32) and the activation's name. */
    @Override
    public void writeConfig(DataOutput out) throws IOException {
        out.writeInt(outputSize);
        out.writeUTF(activation.cliName());
    }

    /** @return W (in × out) and ∂L/∂W */
    public Parameter weights() {
        return weights;
    }

    /** @return b (1 × out) and ∂L/∂b */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Tensor forward(Backend backend, Tensor input) {
        Tensor output = outputBuffers.forRows(input.rows())[0];
        backend.matmul(input, weights.value(), output);                   // z = x·W
        backend.addBiasActivate(output, bias.value(), activation, output); // y = f(z + b), in place
        this.input = input;
        this.output = output;
        return output;
    }

    @Override
    public Tensor backward(Backend backend, Tensor gradOutput, boolean needInputGradient) {
        if (output == null || gradOutput.rows() != output.rows()) {
            throw new IllegalStateException("backward needs a forward pass on a batch of the same size first");
        }
        Tensor delta = outputBuffers.forRows(gradOutput.rows())[1];
        backend.activationBackward(activation, output, gradOutput, delta); // δ = g ⊙ f′(z)
        backend.sumRows(delta, bias.grad());                               // ∂L/∂b = Σ_rows δ
        backend.matmulTransposeA(input, delta, weights.grad());            // ∂L/∂W = xᵀ·δ
        if (!needInputGradient) {
            return null;
        }
        Tensor gradInput = inputBuffers.forRows(gradOutput.rows())[0];
        backend.matmulTransposeB(delta, weights.value(), gradInput);       // ∂L/∂x = δ·Wᵀ
        return gradInput;
    }

    @Override
    public Tensor infer(Backend backend, Tensor input) {
        Tensor output = new Tensor(input.rows(), outputSize);
        backend.matmul(input, weights.value(), output);
        backend.addBiasActivate(output, bias.value(), activation, output);
        return output;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public String toString() {
        return "Dense(" + inputSize + "→" + outputSize + ", " + activation.cliName() + ")";
    }
}
