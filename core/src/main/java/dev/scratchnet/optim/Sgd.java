package dev.scratchnet.optim;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.layer.Parameter;
import dev.scratchnet.tensor.Tensor;
import java.util.List;

/** Stochastic gradient descent: w = w − η (∂L/∂w + λ w). No memory between steps. */
public final class Sgd implements Optimizer {
    private final float weightDecay;
    private final OptimizerState state = new OptimizerState(0);

    /**
     * @param weightDecay λ, the L2 penalty (0 for none), applied to weights, not biases
     */
    public Sgd(float weightDecay) {
        this.weightDecay = Hyperparameters.nonNegative("weight decay", weightDecay);
    }

    @Override
    public OptimizerKind kind() {
        return OptimizerKind.SGD;
    }

    @Override
    public void prepare(List<Parameter> parameters) {
        state.prepare(parameters);
    }

    @Override
    public void step(Backend backend, List<Parameter> parameters, float learningRate) {
        state.nextStep();
        for (int i = 0; i < parameters.size(); i++) { // indexed: an iterator would allocate per step
            Parameter p = parameters.get(i);
            backend.sgdStep(p.value(), p.grad(), learningRate, p.decays() ? weightDecay : 0f);
        }
    }

    @Override
    public long steps() {
        return state.steps();
    }

    @Override
    public List<Tensor> state() {
        return state.tensors();
    }

    @Override
    public void restore(long steps, List<Tensor> saved) {
        state.restore(steps, saved);
    }
}
