package dev.scratchnet.layer;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A finite-difference check of one layer on its own: with the scalar loss L = Σ r ⊙ y for a fixed random
 * r, ∂L/∂y = r, so backward(r) must match (L(v + h) − L(v − h)) / 2h for every input and parameter value v.
 */
final class LayerGradients {
    private LayerGradients() {
    }

    /**
     * @return the relative errors ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖): first for ∂L/∂x, then one per parameter
     */
    static List<Double> relativeErrors(Layer layer, Backend backend, Tensor x, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor r = new Tensor(x.rows(), layer.outputSize());
        for (int i = 0; i < r.size(); i++) {
            r.data()[i] = (float) random.nextDouble(-1, 1);
        }
        layer.forward(backend, x);
        Tensor gradInput = layer.backward(backend, r, true).copy();
        List<float[]> analytic = new ArrayList<>();
        for (Parameter p : layer.parameters()) {
            analytic.add(p.grad().data().clone());
        }
        List<Double> errors = new ArrayList<>();
        errors.add(compare(layer, backend, x, r, x.data(), gradInput.data()));
        for (int i = 0; i < analytic.size(); i++) {
            errors.add(compare(layer, backend, x, r, layer.parameters().get(i).value().data(), analytic.get(i)));
        }
        return errors;
    }

    private static double compare(Layer layer, Backend backend, Tensor x, Tensor r, float[] values, float[] analytic) {
        double step = 1e-2, diff = 0, normA = 0, normN = 0;
        for (int i = 0; i < values.length; i++) {
            float original = values[i];
            values[i] = (float) (original + step);
            double plus = loss(layer, backend, x, r);
            values[i] = (float) (original - step);
            double minus = loss(layer, backend, x, r);
            values[i] = original;
            double numeric = (plus - minus) / (2 * step);
            diff += (analytic[i] - numeric) * (analytic[i] - numeric);
            normA += (double) analytic[i] * analytic[i];
            normN += numeric * numeric;
        }
        double denominator = Math.sqrt(normA) + Math.sqrt(normN);
        return denominator == 0 ? 0 : Math.sqrt(diff) / denominator;
    }

    private static double loss(Layer layer, Backend backend, Tensor x, Tensor r) {
        Tensor y = layer.forward(backend, x);
        double sum = 0;
        for (int i = 0; i < y.size(); i++) {
            sum += (double) y.data()[i] * r.data()[i];
        }
        return sum;
    }
}
