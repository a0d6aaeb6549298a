package dev.scratchnet.layer;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout: during training each input is kept with probability 1 − p and scaled by
 * 1/(1 − p), so the expected output equals the input and prediction needs no rescaling.
 * Forward y = x ⊙ m, with m (batch × n) holding 0 or 1/(1 − p); backward ∂L/∂x = ∂L/∂y ⊙ m.
 * At prediction time y = x.
 */
public final class Dropout implements Layer {
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
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.size = size;
        this.rate = rate;
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
    public void setRandom(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
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
