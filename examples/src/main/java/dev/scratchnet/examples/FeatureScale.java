package dev.scratchnet.examples;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.layer.BatchBuffers;
import dev.scratchnet.layer.Layer;
import dev.scratchnet.layer.LayerCodec;
import dev.scratchnet.layer.Parameter;
import dev.scratchnet.layer.Shape;
import dev.scratchnet.tensor.Tensor;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * A layer that is not part of the library: a learned scale per feature, y = x ⊙ s, with x and y
 * (batch × n) and s (1 × n) broadcast over the rows. It starts as the identity (s = 1) and learns
 * how loud each feature should be, which helps when features arrive on very different scales.
 *
 * <p>Backward, given g = ∂L/∂y: ∂L/∂s = column sums of g ⊙ x (each s_j touches every row's y_j),
 * and ∂L/∂x = g ⊙ s.
 *
 * <p>Everything the library needs from a layer is here: shapes, a kind and a description, forward,
 * backward and infer, the parameter, and the configuration for the model file (just its width,
 * which the input shape already gives, so nothing). {@link #CODEC} reads it back; register it with
 * {@code LayerCodecs.register(FeatureScale.CODEC)} before loading a model that holds one.
 * Plain loops instead of backend kernels: the backend has no broadcast multiply, and this layer is
 * small next to a dense one.
 */
public final class FeatureScale implements Layer {
    /** Makes a feature-scale layer from a model file. */
    public static final LayerCodec CODEC = new LayerCodec() {
        @Override
        public String kind() {
            return "feature-scale";
        }

        @Override
        public Layer read(Shape inputShape, int index, DataInput config) {
            return new FeatureScale(inputShape, "scale" + index);
        }
    };

    private final Shape shape;
    private final int size;
    private final Parameter scale;
    /** Per batch size: [0] y, [1] ∂L/∂x; a warm training step allocates nothing. */
    private final BatchBuffers buffers;
    private Tensor input;

    /**
     * Creates the layer with s = 1, the identity.
     *
     * @param shape the shape of one example (input and output)
     * @param name a label for the parameter, for example {@code scale0}
     */
    public FeatureScale(Shape shape, String name) {
        this.shape = shape;
        this.size = shape.size();
        this.scale = Parameter.zeros(name + ".scale", 1, size, false); // no weight decay: 0 is not "simple" here
        Arrays.fill(scale.value().data(), 1f);
        this.buffers = new BatchBuffers(size, 2);
    }

    @Override
    public Shape inputShape() {
        return shape;
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    @Override
    public String kind() {
        return "feature-scale";
    }

    @Override
    public String describe() {
        return "scale(" + size + ")";
    }

    @Override
    public Tensor forward(Backend backend, Tensor x) {
        Tensor output = buffers.forRows(x.rows())[0];
        multiplyRows(x, scale.value().data(), output); // y = x ⊙ s
        input = x;
        return output;
    }

    @Override
    public Tensor backward(Backend backend, Tensor gradOutput, boolean needInputGradient) {
        if (input == null || gradOutput.rows() != input.rows()) {
            throw new IllegalStateException("backward needs a forward pass on a batch of the same size first");
        }
        float[] g = gradOutput.data();
        float[] x = input.data();
        float[] gradScale = scale.grad().data();
        Arrays.fill(gradScale, 0f);
        for (int r = 0; r < gradOutput.rows(); r++) {     // ∂L/∂s = Σ_rows g ⊙ x
            for (int j = 0; j < size; j++) {
                gradScale[j] += g[r * size + j] * x[r * size + j];
            }
        }
        if (!needInputGradient) {
            return null;
        }
        Tensor gradInput = buffers.forRows(gradOutput.rows())[1];
        multiplyRows(gradOutput, scale.value().data(), gradInput); // ∂L/∂x = g ⊙ s
        return gradInput;
    }

    @Override
    public Tensor infer(Backend backend, Tensor x) {
        Tensor y = new Tensor(x.rows(), size);
        multiplyRows(x, scale.value().data(), y);
        return y;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(scale);
    }

    /** The width is the input shape's, which the model file stores already: nothing to write. */
    @Override
    public void writeConfig(DataOutput out) throws IOException {
    }

    /** out[r][j] = a[r][j] · s[j]. */
    private static void multiplyRows(Tensor a, float[] s, Tensor out) {
        float[] in = a.data();
        float[] o = out.data();
        int cols = s.length;
        for (int r = 0; r < a.rows(); r++) {
            for (int j = 0; j < cols; j++) {
                o[r * cols + j] = in[r * cols + j] * s[j];
            }
        }
    }
}
