package dev.scratchnet.optim;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.layer.Parameter;
import java.util.List;

/** Stochastic gradient descent: w = w − η (∂L/∂w + λ w). No memory between steps. */
public final class Sgd extends StatefulOptimizer {
    private final float weightDecay;

    /**
     * @param weightDecay λ, the L2 penalty (0 for none), applied to weights, not biases
     */
    public Sgd(float weightDecay) {
        super(0);
        this.weightDecay = Hyperparameters.nonNegative("weight decay", weightDecay);
    }

    @Override
    public OptimizerKind kind() {
        return OptimizerKind.SGD;
    }

    @Override
    public void step(Backend backend, List<Parameter> parameters, float learningRate) {
        nextStep();
        for (int i = 0; i < parameters.size(); i++) { // indexed: an iterator would allocate per step
            Parameter p = parameters.get(i);
            backend.sgdStep(p.value(), p.grad(), learningRate, p.decays() ? weightDecay : 0f);
        }
    }
}
