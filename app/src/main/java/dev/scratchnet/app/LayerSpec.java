package dev.scratchnet.app;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.ConvGeometry;
import dev.scratchnet.data.DatasetInfo;
import dev.scratchnet.data.ImageGeometry;
import dev.scratchnet.layer.Conv2d;
import dev.scratchnet.layer.MaxPool2d;
import dev.scratchnet.layer.Shape;
import dev.scratchnet.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of a layer stack for {@code --layers}: comma-separated entries, input side first.
 * <ul>
 *   <li>{@code N}: a dense layer of N units (the last entry is the output layer, one unit per class);</li>
 *   <li>{@code convKxF}: a K×K convolution with F feature maps, stride 1, no padding; append
 *       {@code sS} for stride S and {@code pP} for P zeros of padding, or {@code same} for (K − 1)/2
 *       (so {@code conv3x32s2p1}, {@code conv5x20same});</li>
 *   <li>{@code poolK}: K×K max-pooling at stride K; {@code poolKsS} for stride S.</li>
 * </ul>
 * The sizes that come from the data are checked once it is loaded ({@link #bind}): a stack of dense
 * layers starts with the number of inputs (784 for MNIST), which a stack with convolutions may leave
 * out, and ends with the number of classes. With any convolution or pooling the input is read as the
 * data's image (1×28×28 for MNIST), otherwise as plain features. Example: the course CNN on MNIST is
 * {@code conv5x20,pool2,conv5x40,pool2,100,10}. Presets and {@code --hidden} give only the hidden
 * layers; the output layer is then added for the data's classes.
 */
final class LayerSpec {
    /** One sentence listing the accepted entries, for error messages and the option's help. */
    static final String SYNTAX = "N (dense units), convKxF[sS][pP|same] (K×K convolution with F maps, stride S, "
            + "padding P) or poolK[sS] (K×K max-pooling, stride S), for example conv5x20,pool2,conv5x40,pool2,100,10";

    private static final Pattern DENSE = Pattern.compile("\\d{1,9}");
    private static final Pattern CONV = Pattern.compile("conv(\\d{1,3})x(\\d{1,6})(?:s(\\d{1,3}))?(?:p(\\d{1,3})|(same))?");
    private static final Pattern POOL = Pattern.compile("pool(\\d{1,3})(?:s(\\d{1,3}))?");

    /** One entry: a dense layer (units), a convolution (kernel, filters, stride, padding) or pooling (window, stride). */
    private record Entry(String kind, int size, int filters, int stride, int padding) {
        @Override
        public String toString() {
            return switch (kind) {
                case "dense" -> Integer.toString(size);
                case "conv" -> "conv" + size + "x" + filters + (stride != 1 ? "s" + stride : "") + (padding != 0 ? "p" + padding : "");
                default -> "pool" + size + (stride != size ? "s" + stride : "");
            };
        }
    }

    private final List<Entry> entries;
    /** True if the last entry is the output layer (--layers); false if it is added for the data (presets, --hidden). */
    private final boolean outputGiven;
    /** The network's input once bound to the data, else null. */
    private final Shape input;

    private LayerSpec(List<Entry> entries, boolean outputGiven, Shape input) {
        this.entries = List.copyOf(entries);
        this.outputGiven = outputGiven;
        this.input = input;
    }

    /**
     * Parses a stack whose last entry is the output layer; its sizes are checked against the data by {@link #bind}.
     *
     * @param text the --layers value
     * @return the stack
     * @throws IllegalArgumentException with one sentence saying what is wrong and what is allowed
     */
    static LayerSpec parse(String text) {
        return new LayerSpec(entries(text), true, null);
    }

    /**
     * Parses the hidden part of a stack; {@link #bind} adds the output layer for the data's classes.
     *
     * @param text hidden entries, for example {@code conv5x20,pool2,100}
     * @return the stack without its output layer
     */
    static LayerSpec hidden(String text) {
        return new LayerSpec(entries(text), false, null);
    }

    private static List<Entry> entries(String text) {
        List<Entry> entries = new ArrayList<>();
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("\\s*,\\s*");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            Matcher dense = DENSE.matcher(part), conv = CONV.matcher(part), pool = POOL.matcher(part);
            if (dense.matches()) {
                entries.add(new Entry("dense", Integer.parseInt(part), 0, 1, 0));
            } else if (conv.matches()) {
                int kernel = Integer.parseInt(conv.group(1));
                int padding = conv.group(5) != null ? (kernel - 1) / 2 : conv.group(4) != null ? Integer.parseInt(conv.group(4)) : 0;
                if (conv.group(5) != null && kernel % 2 == 0) {
                    throw new IllegalArgumentException("--layers entry '" + part + "': 'same' padding needs an odd kernel size");
                }
                entries.add(new Entry("conv", kernel, Integer.parseInt(conv.group(2)),
                        conv.group(3) != null ? Integer.parseInt(conv.group(3)) : 1, padding));
            } else if (pool.matches()) {
                int window = Integer.parseInt(pool.group(1));
                entries.add(new Entry("pool", window, 0, pool.group(2) != null ? Integer.parseInt(pool.group(2)) : window, 0));
            } else {
                throw new IllegalArgumentException("--layers entry '" + part + "' is not a layer; use " + SYNTAX);
            }
        }
        return entries;
    }

    /** @return hidden dense layers of these sizes; {@link #bind} adds the input and the output layer */
    static LayerSpec dense(List<Integer> hidden) {
        List<Entry> entries = new ArrayList<>();
        hidden.forEach(n -> entries.add(new Entry("dense", n, 0, 1, 0)));
        return new LayerSpec(entries, false, null);
    }

    /**
     * Fits the stack to the data: the input becomes the data's image (for a stack with convolutions or
     * pooling) or its features, the output layer gets one unit per class, and every window is checked.
     *
     * @param data what the network will be trained on
     * @return the stack with its input shape
     * @throws IllegalArgumentException with one sentence if the stack does not fit the data
     */
    LayerSpec bind(DatasetInfo data) {
        List<Entry> bound = new ArrayList<>(entries);
        boolean allDense = bound.stream().allMatch(e -> e.kind().equals("dense"));
        if (outputGiven) {
            if (bound.get(0).kind().equals("dense") && bound.size() > 1 && bound.get(0).size() == data.inputSize()) {
                bound.remove(0); // the input, named
            } else if (allDense) {
                throw new IllegalArgumentException("--layers must start with " + data.inputSize() + ", the number of "
                        + "inputs of " + data.name() + (data.image() != null ? " (" + data.image() + " pixels)" : "")
                        + ", got " + bound.get(0).size());
            }
            Entry last = bound.get(bound.size() - 1);
            if (!last.kind().equals("dense") || last.size() != data.classes()) {
                throw new IllegalArgumentException("--layers must end with " + data.classes() + ", one output per class of "
                        + data.name() + ", got " + (last.kind().equals("dense") ? last.size() : "a convolution or pooling layer"));
            }
        } else {
            bound.add(new Entry("dense", data.classes(), 0, 1, 0));
        }
        Shape in;
        if (allDense) {
            in = Shape.flat(data.inputSize());
        } else if (data.image() == null) {
            throw new IllegalArgumentException("convolution and pooling layers need pictures, but " + data.name()
                    + " has rows of " + data.inputSize() + " numbers; use dense layers (--hidden or --layers "
                    + data.inputSize() + ",…," + data.classes() + ") for this data");
        } else {
            ImageGeometry g = data.image();
            in = new Shape(g.channels(), g.height(), g.width());
        }
        LayerSpec spec = new LayerSpec(bound, true, in);
        spec.checkShapes();
        return spec;
    }

    /** @return true if a convolution or pooling layer reads the input as an image */
    boolean isImageStack() {
        return entries.stream().anyMatch(e -> !e.kind().equals("dense"));
    }

    /** @return the network's input: the data's image for a stack with image layers, else its features */
    Shape inputShape() {
        if (input == null) {
            throw new IllegalStateException("bind the layer stack to the data first");
        }
        return input;
    }


    /** Walks the stack from the input, so a window that does not fit is reported before anything is built. */
    private void checkShapes() {
        Shape shape = inputShape();
        for (Entry e : entries) {
            switch (e.kind()) {
                case "dense" -> {
                    if (e.size() < 1 || e.size() > TrainOptions.MAX_UNITS) {
                        throw new IllegalArgumentException("every --layers size must be between 1 and "
                                + TrainOptions.MAX_UNITS + ", got " + e.size());
                    }
                    shape = Shape.flat(e.size());
                }
                case "conv", "pool" -> {
                    if (!shape.isImage()) {
                        throw new IllegalArgumentException("--layers entry '" + e + "' needs an image, but it comes "
                                + "after a dense layer; put convolutions and pooling before the dense layers");
                    }
                    if (e.size() < 1 || e.stride() < 1 || (e.kind().equals("conv") && (e.filters() < 1
                            || e.filters() > TrainOptions.MAX_UNITS))) {
                        throw new IllegalArgumentException("--layers entry '" + e + "' needs a window, stride and "
                                + "filter count of at least 1 (and at most " + TrainOptions.MAX_UNITS + " filters)");
                    }
                    if (e.padding() >= e.size()) {
                        throw new IllegalArgumentException("--layers entry '" + e + "' pads by " + e.padding()
                                + ", which must be below its kernel size " + e.size());
                    }
                    if (e.size() > shape.height() + 2 * e.padding() || e.size() > shape.width() + 2 * e.padding()) {
                        throw new IllegalArgumentException("--layers entry '" + e + "' has a " + e.size() + "×" + e.size()
                                + " window, larger than the " + shape + " it receives; use a smaller kernel or fewer pooling layers");
                    }
                    ConvGeometry g = new ConvGeometry(shape.channels(), shape.height(), shape.width(), e.size(),
                            e.stride(), e.padding());
                    shape = new Shape(e.kind().equals("conv") ? e.filters() : shape.channels(), g.outputHeight(),
                            g.outputWidth());
                }
                default -> throw new IllegalStateException(e.kind());
            }
        }
    }

    /**
     * Adds the layers to a builder whose input is {@link #inputShape()}.
     *
     * @param builder the network builder
     * @param hidden the activation of every layer but the last
     * @param output the last layer's activation
     * @param dropout the dropout rate after each hidden dense layer (0 for none)
     */
    void addTo(Network.Builder builder, Activation hidden, Activation output, float dropout) {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            boolean last = i == entries.size() - 1;
            switch (e.kind()) {
                case "dense" -> {
                    builder.dense(e.size(), last ? output : hidden);
                    if (!last && dropout > 0) {
                        builder.dropout(dropout);
                    }
                }
                case "conv" -> builder.add((in, index) -> new Conv2d(in, e.size(), e.filters(), e.stride(), e.padding(),
                        last ? output : hidden, "conv" + index));
                default -> builder.add((in, index) -> new MaxPool2d(in, e.size(), e.stride()));
            }
        }
    }

    /** @return the canonical text form, for example {@code conv5x20,pool2,100,10} or, once bound, {@code 784,256,10} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(isImageStack() || input == null ? "" : input.size() + ",");
        for (int i = 0; i < entries.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(entries.get(i));
        }
        return sb.toString();
    }
}
