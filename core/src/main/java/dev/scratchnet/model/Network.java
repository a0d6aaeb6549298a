package dev.scratchnet.model;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.layer.Conv2d;
import dev.scratchnet.layer.Dense;
import dev.scratchnet.layer.Dropout;
import dev.scratchnet.layer.Initializer;
import dev.scratchnet.layer.Layer;
import dev.scratchnet.layer.LayerFactory;
import dev.scratchnet.layer.MaxPool2d;
import dev.scratchnet.layer.Parameter;
import dev.scratchnet.layer.Shape;
import dev.scratchnet.loss.Loss;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A feed-forward network: a stack of layers and the loss that trains them, running on a
 * {@link Backend}. Build one with {@link #builder()}.
 *
 * <p>Forward runs the layers in order; backward runs them in reverse, each turning ∂L/∂output
 * into ∂L/∂input (docs/backprop.md). {@link #forward} and {@link #backward} are the training
 * path: they reuse buffers and are not thread-safe. {@link #predict}, {@link #predictClasses} and
 * {@link #evaluate} allocate their own buffers and change nothing, so a trained network may serve
 * them on many threads at once, as long as no thread trains it meanwhile.
 */
public final class Network {
    /** Rows per chunk when predicting or evaluating a large set: bounds the memory used. */
    private static final int INFERENCE_CHUNK = 1000;

    private final Shape inputShape;
    private final List<Layer> layers;
    private final List<Parameter> parameters;
    private final Loss loss;
    private volatile Backend backend;

    private Network(Shape inputShape, List<Layer> layers, Loss loss, Backend backend) {
        this.inputShape = inputShape;
        this.layers = List.copyOf(layers);
        this.loss = loss;
        this.backend = backend;
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        this.parameters = List.copyOf(all);
    }

    /** @return a builder for a new network */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the layers, input side first (unmodifiable) */
    public List<Layer> layers() {
        return layers;
    }

    /** @return every trainable parameter, in layer order (unmodifiable) */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** @return the loss the network trains with */
    public Loss loss() {
        return loss;
    }

    /** @return the kernels this network runs on */
    public Backend backend() {
        return backend;
    }

    /**
     * Moves the network to other kernels; the weights stay the same.
     *
     * @param backend the new backend
     */
    public void setBackend(Backend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** @return the shape of one input example, for example {@code 1×28×28} or {@code 784} */
    public Shape inputShape() {
        return inputShape;
    }

    /** @return the number of input features, {@code inputShape().size()} */
    public int inputSize() {
        return inputShape.size();
    }

    /** @return the number of outputs (classes, for a classifier) */
    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    /**
     * @return the input width, then the output width of each layer with parameters, for example
     *         [784, 128, 10] for 784 → dense 128 → dropout → dense 10
     */
    public int[] layerSizes() {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(inputSize());
        for (Layer layer : layers) {
            if (!layer.parameters().isEmpty()) {
                sizes.add(layer.outputSize());
            }
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return the total number of trainable values */
    public long parameterCount() {
        long n = 0;
        for (Layer layer : layers) {
            n += layer.parameterCount();
        }
        return n;
    }

    /**
     * Training forward pass: runs every layer, remembering what backward needs.
     *
     * @param input x (batch × inputSize)
     * @return the network output (batch × outputSize), owned by the last layer
     */
    public Tensor forward(Tensor input) {
        checkInput(input);
        Tensor activation = input;
        for (int l = 0; l < layers.size(); l++) { // indexed: an iterator would allocate per step
            activation = layers.get(l).forward(backend, activation);
        }
        return activation;
    }

    /**
     * Backward pass after {@link #forward}: runs the layers in reverse and leaves ∂L/∂w in every
     * parameter's gradient.
     *
     * @param gradOutput ∂L/∂output (batch × outputSize), from {@link Loss#lossAndGradient}
     */
    public void backward(Tensor gradOutput) {
        Tensor grad = gradOutput;
        for (int l = layers.size() - 1; l >= 0; l--) {
            // Nobody uses ∂L/∂x of the first layer, and skipping it saves the largest product.
            grad = layers.get(l).backward(backend, grad, l > 0);
        }
    }

    /**
     * Reseeds the layers' training-time randomness (dropout masks), so a training run is
     * reproducible from its seed.
     *
     * @param random the generator the layers draw from
     */
    public void reseed(RandomGenerator random) {
        for (Layer layer : layers) {
            layer.reseed(random);
        }
    }

    /**
     * The raw outputs for a batch, without dropout: logits for a cross-entropy network.
     *
     * @param inputs x (n × inputSize)
     * @return the outputs (n × outputSize), a new tensor
     */
    public Tensor outputs(Tensor inputs) {
        checkInput(inputs);
        Tensor result = new Tensor(inputs.rows(), outputSize());
        for (int start = 0; start < inputs.rows(); start += INFERENCE_CHUNK) {
            int rows = Math.min(INFERENCE_CHUNK, inputs.rows() - start);
            Tensor chunk = Tensor.wrap(rows, inputs.cols(), Arrays.copyOfRange(inputs.data(),
                    start * inputs.cols(), (start + rows) * inputs.cols()));
            Tensor out = chunk;
            for (Layer layer : layers) {
                out = layer.infer(backend, out);
            }
            System.arraycopy(out.data(), 0, result.data(), start * outputSize(), rows * outputSize());
        }
        return result;
    }

    /**
     * Predictions: class probabilities for a cross-entropy network, output values otherwise.
     *
     * @param inputs x (n × inputSize)
     * @return the predictions (n × outputSize), a new tensor
     */
    public Tensor predict(Tensor inputs) {
        Tensor outputs = outputs(inputs);
        loss.toPrediction(backend, outputs, outputs);
        return outputs;
    }

    /**
     * The most likely class of each row.
     *
     * @param inputs x (n × inputSize)
     * @return the index of the largest output in each row
     */
    public int[] predictClasses(Tensor inputs) {
        Tensor outputs = outputs(inputs);
        int[] classes = new int[outputs.rows()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = Evaluation.argmax(outputs.data(), i * outputs.cols(), outputs.cols());
        }
        return classes;
    }

    /**
     * Mean loss over a data set, and for labelled data the accuracy and confusion matrix.
     *
     * @param data the examples, with inputSize inputs and outputSize targets
     * @return the evaluation
     */
    public Evaluation evaluate(Dataset data) {
        checkData(data);
        return evaluate(data, outputs(data.inputs()));
    }

    /**
     * The same as {@link #evaluate(Dataset)}, from outputs already computed, for a caller that needs them
     * for something else too (and so runs the network over the data once). The loss writes its gradient,
     * which nothing here needs, over the outputs instead of into a tensor of their size.
     *
     * @param data the examples, with inputSize inputs and outputSize targets
     * @param outputs {@link #outputs outputs(data.inputs())}; overwritten
     * @return the evaluation
     */
    public Evaluation evaluate(Dataset data, Tensor outputs) {
        checkData(data);
        if (outputs.rows() != data.size() || outputs.cols() != outputSize()) {
            throw new IllegalArgumentException("outputs are " + outputs.shape() + ", expected " + data.size() + "×"
                    + outputSize() + " for this data");
        }
        // Count the predictions before the loss overwrites the outputs.
        Evaluation predictions = Evaluation.of(Double.NaN, outputs, data.hasLabels() ? data.labels() : null);
        double lossSum = loss.lossAndGradient(backend, outputs, data.targets(), outputs);
        return predictions.withLoss(lossSum / data.size());
    }

    private void checkData(Dataset data) {
        if (data.inputSize() != inputSize() || data.outputSize() != outputSize()) {
            throw new IllegalArgumentException("data has " + data.inputSize() + " inputs and " + data.outputSize()
                    + " outputs, the network expects " + inputSize() + " and " + outputSize());
        }
    }

    private void checkInput(Tensor input) {
        if (input.cols() != inputSize()) {
            throw new IllegalArgumentException(
                    "input is " + input.shape() + ", the network expects " + inputSize() + " columns");
        }
    }

    /**
     * @return the architecture: the input shape and each layer's {@link Layer#describe()}, joined by
     *         dashes, then the loss, for example {@code 784-128(relu)-dropout(0.2)-10(identity), cross-entropy}
     */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(inputShape);
        for (Layer layer : layers) {
            sb.append('-').append(layer.describe());
        }
        return sb.append(", ").append(loss.kind().cliName()).toString();
    }

    @Override
    public String toString() {
        return "Network " + describe();
    }

    /**
     * Builds a network layer by layer:
     * <pre>{@code
     * Network net = Network.builder()
     *         .input(784)
     *         .dense(128, Activation.RELU)
     *         .dense(10, Activation.IDENTITY)
     *         .loss(LossKind.CROSS_ENTROPY)
     *         .seed(42)
     *         .build();
     * }</pre>
     * Call {@link #input} first; each layer then receives the shape the one before it produces.
     * {@link #add(Layer)} takes any layer, {@link #add(LayerFactory)} makes one for the current shape,
     * and the shorthands ({@link #dense}, {@link #dropout}) are one-liners over the latter.
     * {@link #build()} initialises every layer's weights from the seed, in order.
     * Not thread-safe; build on one thread.
     */
    public static final class Builder {
        private Shape inputShape;
        private Shape shape;
        private final List<Layer> layers = new ArrayList<>();
        private LossKind lossKind = LossKind.CROSS_ENTROPY;
        private Initializer initializer;
        private long seed = 42;
        private Backend backend;
        private boolean built;

        private Builder() {
        }

        /**
         * Sets a flat input of n features; same as {@code input(Shape.flat(size))}.
         *
         * @param size the number of input features
         * @return this builder
         */
        public Builder input(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("input size must be at least 1, got " + size);
            }
            return input(Shape.flat(size));
        }

        /**
         * Sets the shape of one input example, for example {@code new Shape(1, 28, 28)} for an MNIST
         * image read by convolutions. Must come before the layers.
         *
         * @param shape the shape of one input example
         * @return this builder
         */
        public Builder input(Shape shape) {
            if (!layers.isEmpty()) {
                throw new IllegalStateException("call input(...) before adding layers");
            }
            inputShape = Objects.requireNonNull(shape, "shape");
            this.shape = shape;
            return this;
        }

        /**
         * Adds a layer. Its input shape must be the shape the network has reached; a layer with a flat
         * input accepts any shape of the same size (a dense layer reads an image as c·h·w values).
         *
         * @param layer the layer
         * @return this builder
         * @throws IllegalStateException if {@link #input} was not called or the shapes do not match
         */
        public Builder add(Layer layer) {
            Shape current = currentShape();
            Shape expected = layer.inputShape();
            boolean fits = expected.equals(current) || (!expected.isImage() && expected.size() == current.size());
            if (!fits) {
                throw new IllegalStateException("layer " + layers.size() + " (" + layer.describe() + ") expects input "
                        + expected + ", but " + (layers.isEmpty() ? "the network's input is " : "the layer before it gives ")
                        + current);
            }
            layers.add(layer);
            shape = layer.outputShape();
            return this;
        }

        /**
         * Adds the layer a factory makes for the current shape; the shorthands below use it, and so
         * can new kinds of layer.
         *
         * @param factory makes the layer from the current shape and the layer's index
         * @return this builder
         */
        public Builder add(LayerFactory factory) {
            return add(factory.create(currentShape(), layers.size()));
        }

        /** @return the shape the next layer receives: the input's, or the last layer's output */
        public Shape currentShape() {
            if (shape == null) {
                throw new IllegalStateException("call input(size) or input(shape) before adding layers");
            }
            return shape;
        }

        /**
         * Adds a fully connected layer.
         *
         * @param units the number of outputs
         * @param activation its activation
         * @return this builder
         */
        public Builder dense(int units, Activation activation) {
            if (units < 1) {
                throw new IllegalArgumentException("a dense layer needs at least 1 unit, got " + units);
            }
            Objects.requireNonNull(activation, "activation");
            return add((in, index) -> new Dense(in, units, activation, "dense" + index));
        }

        /**
         * Adds dropout after the previous layer.
         *
         * @param rate the probability of dropping a unit, in [0, 1)
         * @return this builder
         */
        public Builder dropout(float rate) {
            return add((in, index) -> new Dropout(in, rate));
        }

        /**
         * Adds a convolution with stride 1 and no padding ("valid"): kernel × kernel filters.
         *
         * @param kernel k, the filters' side (1 to 7 is typical)
         * @param filters F, the number of feature maps it produces
         * @param activation its activation
         * @return this builder
         */
        public Builder conv(int kernel, int filters, Activation activation) {
            return conv(kernel, filters, 1, Conv2d.Padding.VALID, activation);
        }

        /**
         * Adds a convolution.
         *
         * @param kernel k, the filters' side
         * @param filters F, the number of feature maps it produces
         * @param stride s, how far the window moves
         * @param padding valid (none) or same (k odd: (k − 1)/2 zeros on every side)
         * @param activation its activation
         * @return this builder
         * @throws IllegalStateException if the network has not reached an image shape
         */
        public Builder conv(int kernel, int filters, int stride, Conv2d.Padding padding, Activation activation) {
            Objects.requireNonNull(activation, "activation");
            int amount = padding.amount(kernel);
            requireImage("a convolution");
            return add((in, index) -> new Conv2d(in, kernel, filters, stride, amount, activation, "conv" + index));
        }

        /**
         * Adds max-pooling over window × window cells, moved by the window (no overlap).
         *
         * @param window k, the window's side
         * @return this builder
         */
        public Builder maxPool(int window) {
            return maxPool(window, window);
        }

        /**
         * Adds max-pooling.
         *
         * @param window k, the window's side
         * @param stride s, how far the window moves
         * @return this builder
         * @throws IllegalStateException if the network has not reached an image shape
         */
        public Builder maxPool(int window, int stride) {
            requireImage("max-pooling");
            return add((in, index) -> new MaxPool2d(in, window, stride));
        }

        private void requireImage(String what) {
            if (!currentShape().isImage()) {
                throw new IllegalStateException(what + " needs an image input, such as input(new Shape(1, 28, 28)), "
                        + "but the layer before it gives a flat " + currentShape());
            }
        }

        /**
         * @param kind the loss (default cross-entropy)
         * @return this builder
         */
        public Builder loss(LossKind kind) {
            lossKind = Objects.requireNonNull(kind, "loss");
            return this;
        }

        /**
         * @param initializer the weight initialisation for every layer (default: for each layer,
         *                    {@link Initializer#defaultFor} its output activation: He for ReLU, Xavier otherwise)
         * @return this builder
         */
        public Builder initializer(Initializer initializer) {
            this.initializer = initializer;
            return this;
        }

        /**
         * @param seed the seed for the initial weights (default 42); shuffling and dropout have their
         *             own seed in {@link TrainingConfig}
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param backend the kernels (default {@link ScalarBackend})
         * @return this builder
         */
        public Builder backend(Backend backend) {
            this.backend = backend;
            return this;
        }

        /**
         * @return the network, with freshly initialised weights
         * @throws IllegalStateException if the input or every layer with parameters is missing, or a
         *                               cross-entropy network's output layer is not linear
         */
        public Network build() {
            if (built) {
                throw new IllegalStateException("this builder already built a network, which owns its layers; "
                        + "start a new Network.builder()");
            }
            if (inputShape == null) {
                throw new IllegalStateException("call input(size) before build()");
            }
            if (layers.stream().allMatch(layer -> layer.parameters().isEmpty())) {
                throw new IllegalStateException("a network needs at least one layer with weights, for example dense(10, ...)");
            }
            Layer last = layers.get(layers.size() - 1);
            if (lossKind == LossKind.CROSS_ENTROPY && last.outputActivation() != Activation.IDENTITY) {
                throw new IllegalStateException("cross-entropy applies softmax itself: give the output layer "
                        + "the identity activation, not " + last.outputActivation().cliName());
            }
            RandomGenerator random = new SplittableRandom(seed);
            for (Layer layer : layers) {
                layer.initialize(initializer != null ? initializer : Initializer.defaultFor(layer.outputActivation()), random);
            }
            built = true;
            return new Network(inputShape, layers, lossKind.create(), backend != null ? backend : new ScalarBackend());
        }
    }
}
