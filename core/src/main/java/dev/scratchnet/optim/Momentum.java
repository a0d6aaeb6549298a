package dev.scratchnet.optim;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.layer.Parameter;
import java.util.List;

/**
 * Gradient descent with momentum: a velocity v accumulates past gradients, v = μ v + g, and
 * w = w − η v, so steps grow along directions where the gradient keeps its sign. Nesterov's variant
 * steps with g + μ v, a look-ahead that damps overshoot.
 */
public final class Momentum extends StatefulOptimizer {
    private final float momentum;
    private final boolean nesterov;
    private final float weightDecay;

    /**
     * @param momentum μ in [0, 1)
     * @param nesterov whether to use Nesterov's look-ahead
     * @param weightDecay λ, the L2 penalty (0 for none), applied to weights, not biases
     */
    public Momentum(float momentum, boolean nesterov, float weightDecay) {
        super(1);
        this.momentum = Hyperparameters.fraction("momentum", momentum);
        this.nesterov = nesterov;
        this.weightDecay = Hyperparameters.nonNegative("weight decay", weightDecay);
    }

    @Override
    public OptimizerKind kind() {
        return nesterov ? OptimizerKind.NESTEROV : OptimizerKind.MOMENTUM;
    }

    @Override
    public void step(Backend backend, List<Parameter> parameters, float learningRate) {
        nextStep();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            backend.momentumStep(p.value(), p.grad(), stateOf(0, i), learningRate, momentum,
                    p.decays() ? weightDecay : 0f, nesterov);
        }
    }
}
