package dev.scratchnet.loss;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.tensor.Tensor;

/**
 * The quadratic cost of the textbook: L = (1/m) Σ_rows ½‖y − a‖², for regression or for a
 * sigmoid output layer. Gradient: ∂L/∂a = (a − y)/m.
 *
 * <p>With a sigmoid output, δ = (a − y) ⊙ σ′(z) is small when a unit is saturated and wrong, which
 * is why this cost learns slowly there (the "learning slowdown" that cross-entropy cures).
 */
public final class MeanSquaredError implements Loss {

    /** Creates the loss; it has no state. */
    public MeanSquaredError() {
    }

    @Override
    public LossKind kind() {
        return LossKind.QUADRATIC;
    }

    @Override
    public double lossAndGradient(Backend backend, Tensor output, Tensor targets, Tensor gradOutput) {
        return backend.meanSquaredError(output, targets, gradOutput);
    }

    @Override
    public void toPrediction(Backend backend, Tensor output, Tensor prediction) {
        if (prediction != output) {
            prediction.copyFrom(output);
        }
    }
}
