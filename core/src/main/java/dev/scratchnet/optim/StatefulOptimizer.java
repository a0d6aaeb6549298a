package dev.scratchnet.optim;

import dev.scratchnet.layer.Parameter;
import dev.scratchnet.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What every optimizer shares: the per-parameter state tensors (none for SGD, a velocity for
 * momentum, two moments for Adam), the step counter, and saving and restoring them. Subclasses
 * only say what one step does.
 */
abstract class StatefulOptimizer implements Optimizer {
    private final int tensorsPerParameter;
    private final List<Tensor> tensors = new ArrayList<>();
    private List<Parameter> preparedFor;
    private long steps;

    /** @param tensorsPerParameter how many state tensors each parameter needs */
    StatefulOptimizer(int tensorsPerParameter) {
        this.tensorsPerParameter = tensorsPerParameter;
    }

    @Override
    public final void prepare(List<Parameter> parameters) {
        if (preparedFor == parameters) {
            return;
        }
        tensors.clear();
        for (int kind = 0; kind < tensorsPerParameter; kind++) {
            for (Parameter p : parameters) {
                tensors.add(new Tensor(p.value().rows(), p.value().cols()));
            }
        }
        preparedFor = parameters;
    }

    /** @return the state tensor of the given kind (0, 1, …) for parameter i */
    final Tensor stateOf(int kind, int i) {
        return tensors.get(kind * preparedFor.size() + i);
    }

    /** Counts a step. @return its 1-based number */
    final long nextStep() {
        return ++steps;
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final List<Tensor> state() {
        return Collections.unmodifiableList(tensors);
    }

    @Override
    public final void restore(long savedSteps, List<Tensor> saved) {
        if (savedSteps < 0) {
            throw new IllegalArgumentException("optimizer step count must not be negative, got " + savedSteps);
        }
        if (saved.size() != tensors.size()) {
            throw new IllegalArgumentException("optimizer state has " + saved.size() + " tensors, expected "
                    + tensors.size() + " (was it saved for another network or optimizer?)");
        }
        for (int i = 0; i < saved.size(); i++) {
            tensors.get(i).copyFrom(saved.get(i));
        }
        steps = savedSteps;
    }
}
