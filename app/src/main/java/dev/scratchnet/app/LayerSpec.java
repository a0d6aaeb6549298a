package dev.scratchnet.app;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.ConvGeometry;
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
 *   <li>{@code N}: a dense layer of N units (the last entry is the output layer, 10 for MNIST);</li>
 *   <li>{@code convKxF}: a K×K convolution with F feature maps, stride 1, no padding; append
 *       {@code sS} for stride S and {@code pP} for P zeros of padding, or {@code same} for (K − 1)/2
 *       (so {@code conv3x32s2p1}, {@code conv5x20same});</li>
 *   <li>{@code poolK}: K×K max-pooling at stride K; {@code poolKsS} for stride S.</li>
 * </ul>
 * A leading {@code 784} names the input and may be left out. With any convolution or pooling the
 * input is read as the 1×28×28 image, otherwise as 784 plain features. Example: the course CNN is
 * {@code conv5x20,pool2,conv5x40,pool2,100,10}.
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

    private LayerSpec(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses and checks a stack against the MNIST input.
     *
     * @param text the --layers value
     * @return the stack
     * @throws IllegalArgumentException with one sentence saying what is wrong and what is allowed
     */
    static LayerSpec parse(String text) {
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
        if (entries.get(0).kind().equals("dense") && entries.size() > 1 && entries.get(0).size() == TrainOptions.PIXELS) {
            entries.remove(0); // the input, named
        } else if (entries.get(0).kind().equals("dense") && entries.stream().noneMatch(e -> !e.kind().equals("dense"))) {
            throw new IllegalArgumentException("--layers must start with " + TrainOptions.PIXELS
                    + ", the number of pixels in an MNIST image (28×28), got " + entries.get(0).size());
        }
        LayerSpec spec = new LayerSpec(entries);
        spec.checkShapes();
        return spec;
    }

    /** @return a stack of dense layers, 784 inputs, hidden sizes, then the output size */
    static LayerSpec dense(List<Integer> hidden, int outputs) {
        List<Entry> entries = new ArrayList<>();
        hidden.forEach(n -> entries.add(new Entry("dense", n, 0, 1, 0)));
        entries.add(new Entry("dense", outputs, 0, 1, 0));
        return new LayerSpec(entries);
    }

    /** @return true if a convolution or pooling layer reads the input as an image */
    boolean isImageStack() {
        return entries.stream().anyMatch(e -> !e.kind().equals("dense"));
    }

    /** @return the network's input: the 1×28×28 image for a stack with image layers, else 784 features */
    Shape inputShape() {
        return isImageStack() ? new Shape(1, 28, 28) : Shape.flat(TrainOptions.PIXELS);
    }

    /** @return the units of the last (output) layer, or 0 if the stack does not end with a dense layer */
    int outputs() {
        Entry last = entries.get(entries.size() - 1);
        return last.kind().equals("dense") ? last.size() : 0;
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

    /** @return the canonical text form, for example {@code conv5x20,pool2,100,10} or {@code 784,256,10} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(isImageStack() ? "" : TrainOptions.PIXELS + ",");
        for (int i = 0; i < entries.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(entries.get(i));
        }
        return sb.toString();
    }
}
