package dev.scratchnet.layer;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.ConvGeometry;
import dev.scratchnet.tensor.Tensor;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;
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
 * The batch runs in groups of examples whose columns X take at most {@value #COLUMN_BUDGET} floats (2 MB,
 * a core's L2 cache here): X is k² copies of the input, and for the second layer of the course CNN the
 * whole batch's X (8 MB) would go to memory and back between im2col, the product and col2im. So each
 * group's X is made, used and dropped while it is still in cache, and backward makes it again rather
 * than keeping every group's. The groups are independent, so {@link Backend#parallelFor} gives each
 * thread whole groups, whose data then stays in that core's cache; the gradients of the weights are
 * added up over the groups afterwards, in group order, so the result does not depend on the thread
 * count. Buffers are allocated once per batch size, each on its first use.
 *
 * <p>A backend may run a layer with few taps from the definition instead ({@link Backend#convolvesDirectly}):
 * {@link Backend#convolve} for y and {@link Backend#convolutionGradients} for ∂L/∂W and ∂L/∂b, with no X at
 * all, in the same groups. ∂L/∂x, when a layer below needs it, still goes through Wᵀ·δ and col2im.
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

    private final ConvGeometry geometry;
    private final Shape inputShape;
    private final Shape outputShape;
    private final int filters;
    private final Activation activation;
    private final Parameter weights;
    private final Parameter bias;
    /** The most floats of X one group of examples may take; see the class comment. */
    static final int COLUMN_BUDGET = 1 << 19;

    /** The most examples in a group, so that a group's X stays within {@link #COLUMN_BUDGET}. */
    private final int maxGroupSize;
    /** Per batch size: [0] y, [1] δ. */
    private final BatchBuffers batchBuffers;
    /** Per batch size: {@link #GROUP_TENSORS} buffers for each group, see {@link #groupTensors}. */
    private final BatchBuffers groupBuffers;
    /**
     * Whether ∂L/∂W is computed as its transpose X·δᵀ. In a product a·bᵀ the kernel transposes all of b
     * into panels, and b is δ (F × m·P) or X (c·k·k × m·P): the one with fewer rows costs less to
     * transpose. For the second layer of the course CNN that is 40 rows against 500, and the transposition
     * was the largest single cost of its backward pass (docs/benchmarks.md).
     */
    private final boolean transposedWeightGradient;
    /** Per batch size: [0] ∂L/∂x. */
    private final BatchBuffers gradInputBuffers;
    private Tensor input;
    private Tensor output;

    // One group's buffers, at index group · GROUP_TENSORS + one of these. Each group has its own, so groups
    // can run at once on different threads; a group of the whole batch uses the batch's x, y and ∂L/∂x.
    private static final int X = 0, COLUMNS = 1, CHANNELS = 2, Y = 3, GRAD_INPUT = 4, GRAD_WEIGHTS = 5,
            GRAD_BIAS = 6, DIRECT_GRAD_WEIGHTS = 7, GROUP_TENSORS = 8;

    // The pass in progress, read by the group tasks (set before Backend.parallelFor, which publishes them).
    private Backend passBackend;
    /** Whether the pass in progress uses {@link Backend#convolve} and {@link Backend#convolutionGradients}. */
    private boolean passDirect;
    private Tensor[] passGroups;
    private int passGroupSize;
    private int passRows;
    private Tensor passDelta;
    private Tensor passGradInput;
    /** The group tasks, made once so that a training step allocates nothing. */
    private final IntConsumer forwardGroup = this::forwardGroup;
    private final IntConsumer backwardGroup = this::backwardGroup;

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
        this.inputShape = new Shape(geometry.channels(), geometry.height(), geometry.width());
        this.outputShape = new Shape(filters, geometry.outputHeight(), geometry.outputWidth());
        this.filters = filters;
        this.activation = Objects.requireNonNull(activation, "activation");
        this.weights = Parameter.zeros(name + ".weights", filters, geometry.patchSize(), true);
        this.bias = Parameter.zeros(name + ".bias", 1, filters, false);
        int patch = geometry.patchSize(), positions = geometry.positions(), outputSize = outputSize();
        this.maxGroupSize = (int) Math.max(1, COLUMN_BUDGET / ((long) patch * positions));
        this.transposedWeightGradient = patch > filters;
        this.batchBuffers = new BatchBuffers(outputSize, 2);
        this.groupBuffers = new BatchBuffers(this::groupTensors);
        this.gradInputBuffers = new BatchBuffers(geometry.inputSize(), 1);
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
        return inputShape;
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

    /**
     * @param m the batch size
     * @return examples per group: the fewest groups within the budget, as equal as they can be (64 examples
     *         under a budget of 36 make two groups of 32, which two threads share evenly)
     */
    private int groupSize(int m) {
        int groups = (m + maxGroupSize - 1) / maxGroupSize;
        return (m + groups - 1) / groups;
    }

    /** @return the buffers of every group of a batch of m, {@link #GROUP_TENSORS} per group */
    private Tensor[] groupTensors(int m) {
        int size = groupSize(m), groups = (m + size - 1) / size;
        Tensor[] tensors = new Tensor[groups * GROUP_TENSORS];
        for (int g = 0; g < groups; g++) {
            int rows = groupRows(g, size, m), base = g * GROUP_TENSORS;
            if (groups > 1) { // one group works on the batch's own tensors
                tensors[base + X] = new Tensor(rows, geometry.inputSize());
                tensors[base + Y] = new Tensor(rows, outputSize());
                tensors[base + GRAD_INPUT] = new Tensor(rows, geometry.inputSize());
            }
            tensors[base + GRAD_BIAS] = new Tensor(1, filters);
            // COLUMNS, CHANNELS and the weight gradients are made on first use, by groupTensor: a layer
            // that convolves directly and needs no ∂L/∂x never uses X's columns (3.7 MB for the CNN's first).
        }
        return tensors;
    }

    /** @return the examples in group g of a batch of m split into groups of size (the last may be short) */
    private static int groupRows(int g, int size, int m) {
        return Math.min(size, m - g * size);
    }

    /** @return a new buffer {@code slot} (one made on first use) for group g of the pass in progress */
    private Tensor newGroupTensor(int g, int slot) {
        int rows = groupRows(g, passGroupSize, passRows), positions = geometry.positions();
        int patch = geometry.patchSize();
        return switch (slot) {
            case COLUMNS -> new Tensor(patch, rows * positions);
            case CHANNELS -> new Tensor(filters, rows * positions);
            case GRAD_WEIGHTS -> transposedWeightGradient ? new Tensor(patch, filters) : new Tensor(filters, patch);
            case DIRECT_GRAD_WEIGHTS -> new Tensor(filters, patch);
            default -> throw new IllegalArgumentException("buffer " + slot + " is made with its group");
        };
    }

    /** Sets up the pass over a batch of m examples and returns its number of groups. */
    private int startPass(Backend backend, int m) {
        passBackend = backend;
        passDirect = backend.convolvesDirectly(geometry);
        passGroups = groupBuffers.forRows(m);
        passGroupSize = groupSize(m);
        passRows = m;
        return passGroups.length / GROUP_TENSORS;
    }

    @Override
    public Tensor forward(Backend backend, Tensor x) {
        int m = x.rows();
        input = x;
        output = batchBuffers.forRows(m)[0];
        int groups = startPass(backend, m);
        backend.parallelFor(groups, forwardGroup); // groups are independent: each writes its own rows of y
        passBackend = null;
        return output;
    }

    /** Forward for group g: its rows of y. */
    private void forwardGroup(int g) {
        Backend backend = passBackend;
        Tensor yg = groupRowsOut(output, g, Y);
        if (passDirect) {
            backend.convolve(geometry, groupRowsIn(input, g, X), weights.value(), bias.value(), activation, yg);
        } else {
            Tensor columns = groupTensor(g, COLUMNS), z = groupTensor(g, CHANNELS);
            backend.im2col(geometry, groupRowsIn(input, g, X), columns);  // X = im2col(x)
            backend.matmul(weights.value(), columns, z);                   // Z = W·X
            backend.channelsToExamples(z, bias.value(), activation, yg);   // y = f(Z + b), into example rows
        }
        storeGroupRows(yg, output, g);
    }

    @Override
    public Tensor backward(Backend backend, Tensor gradOutput, boolean needInputGradient) {
        if (output == null || gradOutput.rows() != output.rows()) {
            throw new IllegalStateException("backward needs a forward pass on a batch of the same size first");
        }
        int m = gradOutput.rows();
        passDelta = batchBuffers.forRows(m)[1];
        passGradInput = needInputGradient ? gradInputBuffers.forRows(m)[0] : null;
        backend.activationBackward(activation, output, gradOutput, passDelta);  // δ = g ⊙ f′(z)
        int groups = startPass(backend, m);
        backend.parallelFor(groups, backwardGroup);
        // The groups' ∂L/∂W and ∂L/∂b, added in group order: the same sums for any number of threads.
        backend.fill(weights.grad(), 0f);
        backend.fill(bias.grad(), 0f);
        for (int g = 0; g < groups; g++) {
            backend.axpy(1f, groupTensor(g, GRAD_BIAS), bias.grad());
            if (passDirect) {
                backend.axpy(1f, groupTensor(g, DIRECT_GRAD_WEIGHTS), weights.grad());
            } else if (transposedWeightGradient) {
                addTransposed(groupTensor(g, GRAD_WEIGHTS), weights.grad());
            } else {
                backend.axpy(1f, groupTensor(g, GRAD_WEIGHTS), weights.grad());
            }
        }
        Tensor gradInput = passGradInput;
        passBackend = null;
        passDelta = passGradInput = null;
        return gradInput;
    }

    /** Backward for group g: its ∂L/∂W and ∂L/∂b, and its rows of ∂L/∂x. */
    private void backwardGroup(int g) {
        Backend backend = passBackend;
        Tensor delta = groupRowsIn(passDelta, g, Y);
        if (passDirect) {
            if (passGradInput != null) { // δ in channel rows, for ∂L/∂x below
                backend.examplesToChannels(delta, groupTensor(g, CHANNELS), groupTensor(g, GRAD_BIAS));
            }
            // ∂L/∂W and ∂L/∂b from their definition, without X
            backend.convolutionGradients(geometry, groupRowsIn(input, g, X), delta,
                    groupTensor(g, DIRECT_GRAD_WEIGHTS), groupTensor(g, GRAD_BIAS));
        } else {
            Tensor columns = groupTensor(g, COLUMNS), deltaChannels = groupTensor(g, CHANNELS);
            Tensor gradWeights = groupTensor(g, GRAD_WEIGHTS);
            backend.im2col(geometry, groupRowsIn(input, g, X), columns);              // X again, while it is in cache
            backend.examplesToChannels(delta, deltaChannels, groupTensor(g, GRAD_BIAS)); // δ, ∂L/∂b
            if (transposedWeightGradient) {
                backend.matmulTransposeB(columns, deltaChannels, gradWeights);       // (∂L/∂W)ᵀ = X·δᵀ
            } else {
                backend.matmulTransposeB(deltaChannels, columns, gradWeights);       // ∂L/∂W = δ·Xᵀ
            }
        }
        if (passGradInput != null) {
            Tensor gradInputGroup = groupRowsOut(passGradInput, g, GRAD_INPUT);
            Tensor columns = groupTensor(g, COLUMNS), deltaChannels = groupTensor(g, CHANNELS);
            backend.matmulTransposeA(weights.value(), deltaChannels, columns);       // ∂L/∂X = Wᵀ·δ, over X's buffer
            backend.col2im(geometry, columns, gradInputGroup);                       // ∂L/∂x = col2im(∂L/∂X)
            storeGroupRows(gradInputGroup, passGradInput, g);
        }
    }

    /**
     * @return buffer {@code slot} of group g in the pass in progress, made on its first use. Only group g's
     *         task touches its slots, and {@link Backend#parallelFor} publishes them to the caller.
     */
    private Tensor groupTensor(int g, int slot) {
        Tensor t = passGroups[g * GROUP_TENSORS + slot];
        if (t == null) {
            t = newGroupTensor(g, slot);
            passGroups[g * GROUP_TENSORS + slot] = t;
        }
        return t;
    }

    /** @return group g's rows of a batch tensor: the tensor itself when one group is the whole batch, else a copy */
    private Tensor groupRowsIn(Tensor batch, int g, int slot) {
        return passGroups.length == GROUP_TENSORS ? batch : copyRows(batch, g * passGroupSize, groupTensor(g, slot));
    }

    /** @return where group g writes its rows of a batch tensor: the tensor itself, or a buffer for {@link #storeGroupRows} */
    private Tensor groupRowsOut(Tensor batch, int g, int slot) {
        return passGroups.length == GROUP_TENSORS ? batch : groupTensor(g, slot);
    }

    /** Copies group g's rows into the batch tensor, unless they were written there directly. */
    private void storeGroupRows(Tensor rows, Tensor batch, int g) {
        if (rows != batch) {
            System.arraycopy(rows.data(), 0, batch.data(), g * passGroupSize * rows.cols(), rows.size());
        }
    }

    /** into += fromᵀ: a few thousand values once per group, next to products of millions. */
    private static void addTransposed(Tensor from, Tensor into) {
        float[] src = from.data(), dst = into.data();
        int rows = from.rows(), cols = from.cols();
        for (int j = 0; j < cols; j++) { // writes in order, reads at a stride: the cheaper way round
            for (int i = 0; i < rows; i++) {
                dst[j * rows + i] += src[i * cols + j];
            }
        }
    }

    /** @return into, holding rows [first, first + into.rows()) of from */
    private static Tensor copyRows(Tensor from, int first, Tensor into) {
        System.arraycopy(from.data(), first * from.cols(), into.data(), 0, into.size());
        return into;
    }

    @Override
    public Tensor infer(Backend backend, Tensor x) {
        int m = x.rows();
        Tensor y = new Tensor(m, outputSize());
        int groupSize = groupSize(m), groups = (m + groupSize - 1) / groupSize;
        // Groups, as in training, bound the columns' size. Each thread takes a range of groups and makes
        // one set of buffers for it: a set per group made gigabytes of garbage per evaluation of MNIST.
        int tasks = Math.min(backend.threads(), groups);
        boolean direct = backend.convolvesDirectly(geometry);
        backend.parallelFor(tasks, t -> {
            Tensor[] buffers = null;
            for (int g = (int) ((long) groups * t / tasks), end = (int) ((long) groups * (t + 1) / tasks); g < end; g++) {
                int first = g * groupSize, rows = Math.min(groupSize, m - first);
                if (buffers == null || buffers[0].rows() != rows) {
                    buffers = inferenceBuffers(rows, direct);
                }
                Tensor xg = copyRows(x, first, buffers[0]), columns = buffers[1], z = buffers[2], yg = buffers[3];
                if (direct) {
                    backend.convolve(geometry, xg, weights.value(), bias.value(), activation, yg);
                } else {
                    backend.im2col(geometry, xg, columns);
                    backend.matmul(weights.value(), columns, z);
                    backend.channelsToExamples(z, bias.value(), activation, yg);
                }
                System.arraycopy(yg.data(), 0, y.data(), first * yg.cols(), yg.size());
            }
        });
        return y;
    }

    /** @return x, X, Z and y for a group of the given number of examples (X and Z null when direct) */
    private Tensor[] inferenceBuffers(int rows, boolean direct) {
        int positions = geometry.positions();
        return new Tensor[] {new Tensor(rows, inputSize()),
                direct ? null : new Tensor(geometry.patchSize(), rows * positions),
                direct ? null : new Tensor(filters, rows * positions), new Tensor(rows, outputSize())};
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
