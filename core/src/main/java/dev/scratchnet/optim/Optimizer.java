package dev.scratchnet.optim;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.layer.Parameter;
import dev.scratchnet.tensor.Tensor;
import java.util.List;

/**
 * Moves parameters against their gradients after each backward pass.
 *
 * <p>An optimizer with memory (momentum, Adam) keeps one state tensor per parameter and state
 * kind, in the order of the parameter list; {@link #state()} exposes them so a checkpoint can save
 * them and a resumed run continues exactly where it stopped. Not thread-safe.
 */
public interface Optimizer {

    /** @return which optimizer this is */
    OptimizerKind kind();

    /**
     * Allocates the state for these parameters (zeros). Called once before training; calling it
     * again with the same list does nothing.
     *
     * @param parameters the parameters this optimizer will update
     */
    void prepare(List<Parameter> parameters);

    /**
     * One update of every parameter from its current gradient.
     *
     * @param backend the kernels to use
     * @param parameters the same list given to {@link #prepare}
     * @param learningRate η for this step
     */
    void step(Backend backend, List<Parameter> parameters, float learningRate);

    /** @return how many steps have been taken (Adam's t) */
    long steps();

    /** @return the state tensors, live (not copies); empty for plain SGD */
    List<Tensor> state();

    /**
     * Restores the state saved from an optimizer of the same kind on the same network.
     *
     * @param steps the saved step count
     * @param saved the saved state tensors, in {@link #state()} order and shapes
     */
    void restore(long steps, List<Tensor> saved);
}
