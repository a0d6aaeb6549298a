package dev.scratchnet.layer;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.ConvGeometry;
import dev.scratchnet.tensor.Tensor;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Two-dimensional convolution with its activation: F filters of size c × k × k slide over the input
 * image with stride s and zero padding p (docs/backprop.md, "Convolution").
 *
 * <p>Shapes: a batch of m images x (m × c·h·w), each row read channel-major; weights W (F × c·k·k), row f
 * holding filter f in the order (ci, ki, kj); bias b (1 × F); output y (m × F·oh·ow), channel-major
 * again, with P = oh·ow window positions (see {@link ConvGeometry}). Forward, for every example:
 * <pre>
 *   z[f][oy][ox] = b[f] + Σ_ci Σ_ki Σ_kj W[f][ci][ki][kj] · x[ci][oy·s + ki − p][ox·s + kj − p],   y = f(z)
 * </pre>
 * which is one matrix product over the whole batch: X = im2col(x) (c·k·k × m·P) lays every window out as
 * a column, Z = W · X (F × m·P), and y = f(Z + b) moved into example rows.
 *
 * <p>Backward, given g = ∂L/∂y:
 * <ul>
 *   <li>δ = g ⊙ f′(z), moved into channel rows (F × m·P);</li>
 *   <li>∂L/∂b = Σ of each row of δ (every position of a map shares its filter's bias);</li>
 *   <li>∂L/∂W = δ · Xᵀ (F × c·k·k), the dense layer's xᵀ·δ with windows in place of examples;</li>
 *   <li>∂L/∂X = Wᵀ · δ (c·k·k × m·P), and ∂L/∂x = col2im(∂L/∂X): each pixel collects the gradient of
 *       every window it appeared in. That sum is the correlation of δ with the flipped kernel.</li>
 * </ul>
 * The buffers, the columns X among them, are allocated once per batch size; backward reuses X's buffer
 * for ∂L/∂X, so each forward pass allows one backward pass.
 *
 * <p>Saved as kind {@code conv2d} with its kernel, filters, stride, padding and activation.
 */
public final class Conv2d implements Layer {
    /** Reads a convolution back from a model file. */
    public static final LayerCodec CODEC = new LayerCodec() {
        @Override
        public String kind() {
            return "conv2d";
        }

        @Override
        public Layer read(Shape inputShape, int index, DataInput config) throws IOException {
            int kernel = config.readInt(), filters = config.readInt(), stride = config.readInt(), padding = config.readInt();
            if (filters > MAX_FILTERS) {
                throw new IllegalArgumentException("a convolution of " + filters + " filters is beyond " + MAX_FILTERS);
            }
            return new Conv2d(inputShape, kernel, filters, stride, padding, Activation.parse(config.readUTF()),
                    "conv" + index);
        }
    };

    /** The most filters a model file may describe; a larger claim means damage, refused before allocating. */
    private static final int MAX_FILTERS = 1 << 16;

    /** How the border is handled. */
    public enum Padding {
        /** No padding: only windows that fit inside the image, so the map shrinks by k − 1. */
        VALID,
        /** p = (k − 1)/2 zeros on every side (k odd): at stride 1 the map keeps its size. */
        SAME;

        /**
         * @param kernel k
         * @return p for this kernel size
         * @throws IllegalArgumentException for SAME with an even kernel, which cannot pad both sides equally
         */
        public int amount(int kernel) {
            if (this == VALID) {
                return 0;
            }
            if (kernel % 2 == 0) {
                throw new IllegalArgumentException("'same' padding needs an odd kernel size, got " + kernel);
            }
            return (kernel - 1) / 2;
        }
    }

    /** Examples per im2col pass in {@link #infer}: bounds the column buffer of a large prediction batch. */
    private static final int INFER_CHUNK = 64;

    private final ConvGeometry geometry;
    private final Shape outputShape;
    private final int filters;
    private final Activation activation;
    private final Parameter weights;
    private final Parameter bias;
    /** Per batch size: [0] X = im2col(x), then ∂L/∂X; [1] Z, then δ in channel rows; [2] y; [3] δ; [4] ∂L/∂x. */
    private final BatchBuffers buffers;
    private Tensor[] current;
    private boolean columnsHoldInput;

    /**
     * Creates a layer with zero weights; see {@link #initialize}.
     *
     * @param geometry the input c × h × w, kernel k, stride s and padding p
     * @param filters F, the number of output channels, at least 1
     * @param activation f
     * @param name a label for the parameters, for example {@code conv0}
     */
    public Conv2d(ConvGeometry geometry, int filters, Activation activation, String name) {
        if (filters < 1) {
            throw new IllegalArgumentException("a convolution needs at least 1 filter, got " + filters);
        }
        this.geometry = geometry;
        this.outputShape = new Shape(filters, geometry.outputHeight(), geometry.outputWidth());
        this.filters = filters;
        this.activation = java.util.Objects.requireNonNull(activation, "activation");
        this.weights = Parameter.zeros(name + ".weights", filters, geometry.patchSize(), true);
        this.bias = Parameter.zeros(name + ".bias", 1, filters, false);
        int patch = geometry.patchSize(), positions = geometry.positions(), outputSize = outputSize();
        int inputSize = geometry.inputSize();
        this.buffers = new BatchBuffers(m -> new Tensor[] {
                new Tensor(patch, m * positions), new Tensor(filters, m * positions),
                new Tensor(m, outputSize), new Tensor(m, outputSize), new Tensor(m, inputSize)});
    }

    /**
     * Creates a layer with zero weights for an image input; see {@link #initialize}.
     *
     * @param inputShape c × h × w
     * @param kernel k, the filters' side
     * @param filters F
     * @param stride s
     * @param padding p, zeros added on every side (0 for valid, {@link Padding#amount} for same)
     * @param activation f
     * @param name a label for the parameters, for example {@code conv0}
     */
    public Conv2d(Shape inputShape, int kernel, int filters, int stride, int padding, Activation activation,
                  String name) {
        this(new ConvGeometry(inputShape.channels(), inputShape.height(), inputShape.width(), kernel, stride, padding),
                filters, activation, name);
    }

    /**
     * Draws the initial filters, with fan-in c·k·k (the inputs one output sees) and fan-out F·k·k.
     *
     * @param initializer the scheme, or null for {@link Initializer#defaultFor} the activation
     * @param random the source of randomness
     */
    @Override
    public void initialize(Initializer initializer, RandomGenerator random) {
        Initializer scheme = initializer != null ? initializer : Initializer.defaultFor(activation);
        int k = geometry.kernel();
        scheme.initialize(weights.value().data(), bias.value().data(), geometry.patchSize(), filters * k * k, random);
    }

    /** @return the input size, kernel, stride and padding */
    public ConvGeometry geometry() {
        return geometry;
    }

    /** @return F, the number of filters (output channels) */
    public int filters() {
        return filters;
    }

    /** @return f */
    public Activation activation() {
        return activation;
    }

    /** @return W (F × c·k·k) and ∂L/∂W */
    public Parameter weights() {
        return weights;
    }

    /** @return b (1 × F) and ∂L/∂b */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Shape inputShape() {
        return new Shape(geometry.channels(), geometry.height(), geometry.width());
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public int inputSize() {
        return geometry.inputSize();
    }

    @Override
    public int outputSize() {
        return filters * geometry.positions();
    }

    @Override
    public String kind() {
        return "conv2d";
    }

    /** @return for example {@code conv5x20(relu)}, or {@code conv3x32s2p1(relu)} with stride and padding */
    @Override
    public String describe() {
        String options = (geometry.stride() != 1 ? "s" + geometry.stride() : "")
                + (geometry.padding() != 0 ? "p" + geometry.padding() : "");
        return "conv" + geometry.kernel() + "x" + filters + options + "(" + activation.cliName() + ")";
    }

    @Override
    public Activation outputActivation() {
        return activation;
    }

    /** @return row f is filter f, over a c × k × k field */
    @Override
    public Optional<UnitWeights> unitWeights() {
        return Optional.of(new UnitWeights(new Shape(geometry.channels(), geometry.kernel(), geometry.kernel()),
                weights.value().copy()));
    }

    /** Writes kernel, filters, stride and padding (int32 each) and the activation's name. */
    @Override
    public void writeConfig(DataOutput out) throws IOException {
        out.writeInt(geometry.kernel());
        out.writeInt(filters);
        out.writeInt(geometry.stride());
        out.writeInt(geometry.padding());
        out.writeUTF(activation.cliName());
    }

    @Override
    public Tensor forward(Backend backend, Tensor x) {
        Tensor[] b = buffers.forRows(x.rows());
        Tensor columns = b[0], z = b[1], y = b[2];
        backend.im2col(geometry, x, columns);                        // X = im2col(x)
        backend.matmul(weights.value(), columns, z);                  // Z = W·X
        backend.channelsToExamples(z, bias.value(), activation, y);   // y = f(Z + b), into example rows
        current = b;
        columnsHoldInput = true;
        return y;
    }

    @Override
    public Tensor backward(Backend backend, Tensor gradOutput, boolean needInputGradient) {
        if (current == null || gradOutput.rows() != current[2].rows() || !columnsHoldInput) {
            throw new IllegalStateException("backward needs one forward pass on a batch of the same size first");
        }
        Tensor columns = current[0], deltaChannels = current[1], y = current[2], delta = current[3];
        backend.activationBackward(activation, y, gradOutput, delta);       // δ = g ⊙ f′(z)
        backend.examplesToChannels(delta, deltaChannels, bias.grad());     // δ into channel rows; ∂L/∂b = row sums
        backend.matmulTransposeB(deltaChannels, columns, weights.grad());  // ∂L/∂W = δ·Xᵀ
        if (!needInputGradient) {
            return null;
        }
        columnsHoldInput = false;
        backend.matmulTransposeA(weights.value(), deltaChannels, columns); // ∂L/∂X = Wᵀ·δ, over X's buffer
        Tensor gradInput = current[4];
        backend.col2im(geometry, columns, gradInput);                      // ∂L/∂x = col2im(∂L/∂X)
        return gradInput;
    }

    @Override
    public Tensor infer(Backend backend, Tensor x) {
        int m = x.rows(), inputSize = inputSize(), outputSize = outputSize(), positions = geometry.positions();
        Tensor y = new Tensor(m, outputSize);
        for (int start = 0; start < m; start += INFER_CHUNK) {
            int rows = Math.min(INFER_CHUNK, m - start);
            Tensor chunk = Tensor.wrap(rows, inputSize,
                    Arrays.copyOfRange(x.data(), start * inputSize, (start + rows) * inputSize));
            Tensor columns = new Tensor(geometry.patchSize(), rows * positions);
            Tensor z = new Tensor(filters, rows * positions);
            Tensor out = new Tensor(rows, outputSize);
            backend.im2col(geometry, chunk, columns);
            backend.matmul(weights.value(), columns, z);
            backend.channelsToExamples(z, bias.value(), activation, out);
            System.arraycopy(out.data(), 0, y.data(), start * outputSize, rows * outputSize);
        }
        return y;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public String toString() {
        return "Conv2d(" + geometry + ", " + filters + " filters, " + activation.cliName() + ")";
    }
}
