package dev.scratchnet.loss;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.tensor.Tensor;

/**
 * Softmax followed by cross-entropy, for classification: with logits z (the last layer's output,
 * identity activation), p = softmax(z) and one-hot targets y, L = −(1/m) Σ_rows Σ_j y_j log p_j.
 *
 * <p>Gradient: ∂L/∂z = (p − y)/m. The softmax Jacobian and the 1/p of the logarithm cancel, which
 * is why the two are fused: computing them apart would divide by probabilities that can round
 * to zero, and take the logarithm of zero. See docs/backprop.md, "softmax and cross-entropy".
 */
public final class SoftmaxCrossEntropy implements Loss {

    /** Creates the loss; it has no state. */
    public SoftmaxCrossEntropy() {
    }

    @Override
    public LossKind kind() {
        return LossKind.CROSS_ENTROPY;
    }

    @Override
    public double lossAndGradient(Backend backend, Tensor output, Tensor targets, Tensor gradOutput) {
        return backend.softmaxCrossEntropy(output, targets, gradOutput);
    }

    @Override
    public void toPrediction(Backend backend, Tensor output, Tensor prediction) {
        backend.softmaxRows(output, prediction);
    }
}
