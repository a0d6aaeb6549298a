package dev.scratchnet.model;

import dev.scratchnet.layer.Parameter;
import dev.scratchnet.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Checks backpropagation against the definition of a derivative. For each weight w it compares
 * the gradient from {@link Network#backward} with the central difference
 * (L(w + h) − L(w − h)) / 2h, whose error shrinks with h².
 *
 * <p>The networks compute in 32-bit floats, so h cannot be tiny: the default h = 1e-2 balances the
 * h² truncation error against float rounding in L. Errors are reported per parameter as
 * ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖), which a few near-zero elements cannot inflate; below 1e-2 (usually near 1e-4) means
 * backprop is right, while a bug gives errors near 1. Dropout masks are held fixed during the check.
 */
public final class GradientCheck {
    /** The default finite-difference step. */
    public static final double DEFAULT_STEP = 1e-2;

    private GradientCheck() {
    }

    /**
     * The result for one parameter tensor.
     *
     * @param parameter the parameter's name, for example {@code dense0.weights}
     * @param checked how many of its elements were compared
     * @param relativeError ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖) over the checked elements
     * @param maxAbsoluteError the largest |g − ĝ| of one element
     */
    public record Result(String parameter, int checked, double relativeError, double maxAbsoluteError) {
    }

    /**
     * Checks every element of every parameter (fine for small networks).
     *
     * @param network the network; its weights are restored afterwards
     * @param inputs a batch of inputs
     * @param targets the matching targets
     * @return one result per parameter, in network order
     */
    public static List<Result> check(Network network, Tensor inputs, Tensor targets) {
        return check(network, inputs, targets, DEFAULT_STEP, Integer.MAX_VALUE, 1);
    }

    /**
     * Checks up to {@code maxPerParameter} randomly chosen elements of each parameter.
     *
     * @param network the network; its weights are restored afterwards
     * @param inputs a batch of inputs
     * @param targets the matching targets
     * @param step h, the finite-difference step
     * @param maxPerParameter the most elements to check per parameter
     * @param seed chooses the elements when not all are checked
     * @return one result per parameter, in network order
     */
    public static List<Result> check(Network network, Tensor inputs, Tensor targets, double step,
                                     int maxPerParameter, long seed) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("step must be > 0, got " + step);
        }
        Tensor grad = new Tensor(inputs.rows(), network.outputSize());
        // Backprop's answer: one forward and backward pass fills every parameter's grad.
        meanLoss(network, inputs, targets, grad);
        network.backward(grad);
        List<Result> results = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (Parameter p : network.parameters()) {
            float[] w = p.value().data();
            float[] analytic = p.grad().data().clone();
            int count = Math.min(w.length, maxPerParameter);
            double diffSquares = 0, analyticSquares = 0, numericSquares = 0, maxAbs = 0;
            for (int c = 0; c < count; c++) {
                int i = count == w.length ? c : random.nextInt(w.length);
                float original = w[i];
                w[i] = (float) (original + step);
                double plus = meanLoss(network, inputs, targets, grad);
                w[i] = (float) (original - step);
                double minus = meanLoss(network, inputs, targets, grad);
                w[i] = original;
                double numeric = (plus - minus) / (2 * step);
                double diff = analytic[i] - numeric;
                diffSquares += diff * diff;
                analyticSquares += (double) analytic[i] * analytic[i];
                numericSquares += numeric * numeric;
                maxAbs = Math.max(maxAbs, Math.abs(diff));
            }
            double denominator = Math.sqrt(analyticSquares) + Math.sqrt(numericSquares);
            results.add(new Result(p.name(), count, denominator == 0 ? 0 : Math.sqrt(diffSquares) / denominator, maxAbs));
        }
        return results;
    }

    /** The batch-mean loss, with the same dropout masks every time. */
    private static double meanLoss(Network network, Tensor inputs, Tensor targets, Tensor grad) {
        network.reseed(new SplittableRandom(12345));
        Tensor output = network.forward(inputs);
        return network.loss().lossAndGradient(network.backend(), output, targets, grad) / inputs.rows();
    }
}
