package dev.scratchnet.loss;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.tensor.Tensor;

/**
 * A loss L(a, y) between the network output a and the target y, averaged over the batch. A loss
 * owns its gradient ∂L/∂a, the starting point of backpropagation.
 */
public interface Loss {

    /** @return which loss this is, for model files and the command line */
    LossKind kind();

    /**
     * Computes the loss and its gradient in one pass.
     *
     * @param backend the kernels to use
     * @param output the network output a (batch × n)
     * @param targets y (batch × n)
     * @param gradOutput receives ∂L/∂a for the batch-mean loss (batch × n); may be the same tensor as
     *                   output, which it then overwrites
     * @return the loss summed over the batch (divide by the batch size for the mean)
     */
    double lossAndGradient(Backend backend, Tensor output, Tensor targets, Tensor gradOutput);

    /**
     * Turns raw network outputs into the prediction a user sees (probabilities for a
     * classifier, the values themselves for regression).
     *
     * @param backend the kernels to use
     * @param output the network output (batch × n)
     * @param prediction receives the prediction (batch × n); may be the same tensor as output
     */
    void toPrediction(Backend backend, Tensor output, Tensor prediction);
}
