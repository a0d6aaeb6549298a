package dev.scratchnet.layer;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.tensor.Tensor;
import java.io.DataInput;
import java.io.DataOutput;
import java.util.List;

/**
 * A test layer the library does not ship: y = −x, keeping any shape. Its codec is found through
 * {@code META-INF/services/dev.scratchnet.layer.LayerCodec} in the test resources, never
 * registered by hand, so it proves the ServiceLoader path.
 */
public final class Negate implements Layer {
    private final Shape shape;
    private final BatchBuffers buffers;

    /** @param shape the shape of one example */
    public Negate(Shape shape) {
        this.shape = shape;
        this.buffers = new BatchBuffers(shape.size(), 2);
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
        return "test-negate";
    }

    @Override
    public String describe() {
        return "negate";
    }

    @Override
    public Tensor forward(Backend backend, Tensor input) {
        return infer(input, buffers.forRows(input.rows())[0]);
    }

    @Override
    public Tensor backward(Backend backend, Tensor gradOutput, boolean needInputGradient) {
        return needInputGradient ? infer(gradOutput, buffers.forRows(gradOutput.rows())[1]) : null;
    }

    @Override
    public Tensor infer(Backend backend, Tensor input) {
        return infer(input, new Tensor(input.rows(), input.cols()));
    }

    private static Tensor infer(Tensor input, Tensor out) {
        for (int i = 0; i < input.size(); i++) {
            out.data()[i] = -input.data()[i];
        }
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public void writeConfig(DataOutput out) {
    }

    /** Reads {@link Negate}; listed as a service provider in the test resources. */
    public static final class Codec implements LayerCodec {
        @Override
        public String kind() {
            return "test-negate";
        }

        @Override
        public Layer read(Shape inputShape, int index, DataInput config) {
            return new Negate(inputShape);
        }
    }
}
