package dev.scratchnet.optim;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.layer.Parameter;
import java.util.List;

/**
 * Adam (Kingma and Ba, 2015): running means of the gradient (m) and of its square (v) give each
 * weight its own step size, η·m̂/(√v̂ + ε), with m̂ and v̂ corrected for starting at zero.
 */
public final class Adam extends StatefulOptimizer {
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;

    /**
     * @param beta1 β₁, decay of the first moment, in [0, 1) (usually 0.9)
     * @param beta2 β₂, decay of the second moment, in [0, 1) (usually 0.999)
     * @param epsilon ε &gt; 0, keeps the step finite where v̂ is zero (usually 1e-8)
     * @param weightDecay λ, the L2 penalty (0 for none), applied to weights, not biases
     */
    public Adam(float beta1, float beta2, float epsilon, float weightDecay) {
        super(2);
        this.beta1 = Hyperparameters.fraction("beta1", beta1);
        this.beta2 = Hyperparameters.fraction("beta2", beta2);
        this.epsilon = Hyperparameters.positive("epsilon", epsilon);
        this.weightDecay = Hyperparameters.nonNegative("weight decay", weightDecay);
    }

    @Override
    public OptimizerKind kind() {
        return OptimizerKind.ADAM;
    }

    @Override
    public void step(Backend backend, List<Parameter> parameters, float learningRate) {
        long t = nextStep();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            backend.adamStep(p.value(), p.grad(), stateOf(0, i), stateOf(1, i), learningRate,
                    beta1, beta2, epsilon, t, p.decays() ? weightDecay : 0f);
        }
    }
}
