package dev.scratchnet.layer;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.ConvGeometry;
import dev.scratchnet.tensor.Tensor;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * Max-pooling: each channel is cut into k × k windows moved by the stride s, and each window is
 * replaced by its largest value (docs/backprop.md, "Max-pooling").
 *
 * <p>Shapes: x (m × c·h·w) in, y (m × c·oh·ow) out, both channel-major, with oh = ⌊(h − k)/s⌋ + 1.
 * Forward: y[ci][oy][ox] = max over ki, kj of x[ci][oy·s + ki][ox·s + kj], remembering which input won.
 *
 * <p>Backward, given g = ∂L/∂y: the max is locally the identity on its winner and constant in the other
 * inputs, so ∂L/∂x[winner] = g[ci][oy][ox] and every other input of the window gets 0 (summed, if windows
 * overlap and one input wins several). There are no parameters.
 *
 * <p>Saved as kind {@code maxpool2d} with its window and stride.
 */
public final class MaxPool2d implements Layer {
    /** Reads a max-pooling layer back from a model file. */
    public static final LayerCodec CODEC = new LayerCodec() {
        @Override
        public String kind() {
            return "maxpool2d";
        }

        @Override
        public Layer read(Shape inputShape, int index, DataInput config) throws IOException {
            int window = config.readInt(), stride = config.readInt();
            return new MaxPool2d(inputShape, window, stride);
        }
    };

    private final ConvGeometry geometry;
    private final Shape inputShape;
    private final Shape outputShape;
    /** Per batch size: [0] y, [1] ∂L/∂x. */
    private final BatchBuffers buffers;
    /** The winners of the last forward pass; grows to the largest batch seen, never shrinks. */
    private int[] argmax = new int[0];
    private Tensor output;

    /**
     * @param inputShape c × h × w
     * @param window k, the window's side
     * @param stride s
     */
    public MaxPool2d(Shape inputShape, int window, int stride) {
        this.geometry = new ConvGeometry(inputShape.channels(), inputShape.height(), inputShape.width(), window, stride, 0);
        this.inputShape = inputShape;
        this.outputShape = new Shape(geometry.channels(), geometry.outputHeight(), geometry.outputWidth());
        int inputSize = geometry.inputSize(), outputSize = outputSize();
        this.buffers = new BatchBuffers(m -> new Tensor[] {new Tensor(m, outputSize), new Tensor(m, inputSize)});
    }

    /** @return the input size, window (as kernel) and stride */
    public ConvGeometry geometry() {
        return geometry;
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
    public String kind() {
        return "maxpool2d";
    }

    /** @return {@code pool2} for a 2×2 window at stride 2, {@code pool3s2} otherwise */
    @Override
    public String describe() {
        int k = geometry.kernel(), s = geometry.stride();
        return "pool" + k + (s != k ? "s" + s : "");
    }

    /** Writes window and stride (int32 each). */
    @Override
    public void writeConfig(DataOutput out) throws IOException {
        out.writeInt(geometry.kernel());
        out.writeInt(geometry.stride());
    }

    @Override
    public int inputSize() {
        return geometry.inputSize();
    }

    @Override
    public int outputSize() {
        return geometry.channels() * geometry.positions();
    }

    @Override
    public Tensor forward(Backend backend, Tensor x) {
        Tensor y = buffers.forRows(x.rows())[0];
        if (argmax.length < y.size()) {
            argmax = new int[y.size()];
        }
        backend.maxPool(geometry, x, y, argmax); // y = window maxima; argmax = their positions
        output = y;
        return y;
    }

    @Override
    public Tensor backward(Backend backend, Tensor gradOutput, boolean needInputGradient) {
        if (output == null || gradOutput.rows() != output.rows()) {
            throw new IllegalStateException("backward needs a forward pass on a batch of the same size first");
        }
        if (!needInputGradient) {
            return null;
        }
        Tensor gradInput = buffers.forRows(gradOutput.rows())[1];
        backend.maxPoolBackward(geometry, gradOutput, argmax, gradInput); // ∂L/∂x[winner] += g
        return gradInput;
    }

    @Override
    public Tensor infer(Backend backend, Tensor x) {
        Tensor y = new Tensor(x.rows(), outputSize());
        backend.maxPool(geometry, x, y, new int[y.size()]);
        return y;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String toString() {
        return "MaxPool2d(" + geometry.kernel() + "×" + geometry.kernel() + ", stride " + geometry.stride() + ")";
    }
}
