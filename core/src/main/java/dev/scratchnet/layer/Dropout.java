package dev.scratchnet.layer;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.optim.Hyperparameters;
import dev.scratchnet.tensor.Tensor;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout: during training each input is kept with probability 1 − p and scaled by
 * 1/(1 − p), so the expected output equals the input and prediction needs no rescaling.
 * Forward y = x ⊙ m, with m (batch × n) holding 0 or 1/(1 − p); backward ∂L/∂x = ∂L/∂y ⊙ m.
 * At prediction time y = x. The shape passes through unchanged, so dropout may follow an image layer.
 * Saved as kind {@code dropout} with its rate.
 */
public final class Dropout implements Layer {
    /** Reads a dropout layer back from a model file. */
    public static final LayerCodec CODEC = new LayerCodec() {
        @Override
        public String kind() {
            return "dropout";
        }

        @Override
        public Layer read(Shape inputShape, int index, DataInput config) throws IOException {
            return new Dropout(inputShape, config.readFloat());
        }
    };

    private final Shape shape;
    private final int size;
    private final float rate;
    /** Per batch size: [0] mask m, [1] y, [2] ∂L/∂x. */
    private final BatchBuffers buffers;
    private RandomGenerator random = new SplittableRandom(0);
    private Tensor mask;

    /**
     * @param size the number of features n (input and output)
     * @param rate p, the probability of dropping a unit, in [0, 1)
     */
    public Dropout(int size, float rate) {
        this(Shape.flat(size), rate);
    }

    /**
     * @param shape the shape of one example (input and output)
     * @param rate p, the probability of dropping a unit, in [0, 1)
     */
    public Dropout(Shape shape, float rate) {
        this.rate = Hyperparameters.fraction("dropout rate", rate);
        this.shape = shape;
        this.size = shape.size();
        this.buffers = new BatchBuffers(size, 3);
    }

    /** @return p, the probability of dropping a unit */
    public float rate() {
        return rate;
    }

    /**
     * Sets the source of the masks; the trainer reseeds it each epoch so runs are reproducible.
     *
     * @param random the generator to draw masks from
     */
    @Override
    public void reseed(RandomGenerator random) {
        this.random = random;
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
        return "dropout";
    }

    /** @return for example {@code dropout(0.5)} */
    @Override
    public String describe() {
        return "dropout(" + rate + ")";
    }

    /** Writes the rate (float32). */
    @Override
    public void writeConfig(DataOutput out) throws IOException {
        out.writeFloat(rate);
    }

    @Override
    public Tensor forward(Backend backend, Tensor x) {
        Tensor[] b = buffers.forRows(x.rows());
        mask = b[0];
        float keep = 1f / (1f - rate);
        float[] m = mask.data();
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextFloat() < rate ? 0f : keep;
        }
        backend.hadamard(x, mask, b[1]);
        return b[1];
    }

    @Override
    public Tensor backward(Backend backend, Tensor gradOutput, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        Tensor gradInput = buffers.forRows(gradOutput.rows())[2];
        backend.hadamard(gradOutput, mask, gradInput);
        return gradInput;
    }

    @Override
    public Tensor infer(Backend backend, Tensor x) {
        return x;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String toString() {
        return "Dropout(" + rate + ")";
    }
}
