package dev.scratchnet.optim;

import dev.scratchnet.layer.Parameter;
import dev.scratchnet.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** The per-parameter tensors and step counter an optimizer keeps, with save and restore. */
final class OptimizerState {
    private final int tensorsPerParameter;
    private final List<Tensor> tensors = new ArrayList<>();
    private List<Parameter> preparedFor;
    private long steps;

    OptimizerState(int tensorsPerParameter) {
        this.tensorsPerParameter = tensorsPerParameter;
    }

    void prepare(List<Parameter> parameters) {
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

    /** @return state tensor of the given kind (0, 1, …) for parameter i */
    Tensor get(int kind, int i) {
        return tensors.get(kind * preparedFor.size() + i);
    }

    long nextStep() {
        return ++steps;
    }

    long steps() {
        return steps;
    }

    List<Tensor> tensors() {
        return java.util.Collections.unmodifiableList(tensors);
    }

    void restore(long savedSteps, List<Tensor> saved) {
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
