package dev.scratchnet.app;

import dev.scratchnet.data.Normalization;
import dev.scratchnet.layer.Layer;
import dev.scratchnet.layer.Shape;
import dev.scratchnet.layer.UnitWeights;
import dev.scratchnet.model.Evaluation;
import dev.scratchnet.model.Network;
import dev.scratchnet.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every layer of a network does with one image: the network is run layer by layer with
 * {@link Layer#infer}, which is thread-safe, and each layer's output is kept for the page to draw.
 * The last output goes through the loss's own {@code toPrediction}, exactly as {@link Network#predict} does.
 */
final class LayerActivations {
    private LayerActivations() {
    }

    /**
     * @param pixels the prepared 28×28 image, 0 (background) to 255 (ink), row by row
     * @return the JSON-ready answer: {@code predicted}, {@code probabilities}, {@code input} (the pixels)
     *         and {@code layers}, one entry per layer that changes its input
     */
    static Map<String, Object> of(Network network, Normalization normalization, float[] pixels) {
        float[] input = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            input[i] = pixels[i] * normalization.scale() + normalization.offset(); // Normalization.apply, for non-integers too
        }
        List<Object> layers = new ArrayList<>();
        Tensor x = Tensor.wrap(1, input.length, input);
        List<Layer> all = network.layers();
        for (int l = 0; l < all.size(); l++) {
            Layer layer = all.get(l);
            Tensor y = layer.infer(network.backend(), x);
            if (y != x) { // a pass-through layer (dropout at inference) has nothing new to show
                Map<String, Object> entry = describe(l, layer);
                entry.put("values", y.data());
                layers.add(entry);
            }
            x = y;
        }
        Tensor probabilities = new Tensor(1, x.cols());
        network.loss().toPrediction(network.backend(), x, probabilities);

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("predicted", Evaluation.argmax(probabilities.data(), 0, probabilities.cols()));
        answer.put("probabilities", probabilities.data());
        answer.put("input", pixels);
        answer.put("layers", layers);
        return answer;
    }

    /** The layer table of {@code GET /api/model}. */
    static List<Object> table(Network network) {
        List<Object> rows = new ArrayList<>();
        List<Layer> all = network.layers();
        for (int l = 0; l < all.size(); l++) {
            Map<String, Object> row = describe(l, all.get(l));
            row.put("parameters", all.get(l).parameters().stream().mapToLong(p -> p.value().size()).sum());
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> describe(int index, Layer layer) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("index", index);
        entry.put("name", layer.toString());
        entry.put("kind", layer.kind());
        entry.put("inputs", layer.inputSize());
        entry.put("outputs", layer.outputSize());
        int[] shape = shapeOf(layer);
        if (shape != null) {
            entry.put("shape", shape);
        }
        return entry;
    }

    /**
     * The layer's output as channels × height × width, for drawing feature maps, or null to draw
     * the outputs as a plain grid of cells (a flat layer).
     */
    static int[] shapeOf(Layer layer) {
        Shape shape = layer.outputShape();
        return shape.isImage() ? new int[] {shape.channels(), shape.height(), shape.width()} : null;
    }

    /**
     * The first layer's weights, one 784-value column per unit, when it is a dense layer on the
     * image: each column is the picture that unit responds to most.
     *
     * @return {@code layer}, {@code units} and {@code weights} (units × 784), or null if there is none
     */
    static Map<String, Object> firstLayerWeights(Network network) {
        Optional<UnitWeights> unitWeights = network.layers().get(0).unitWeights();
        if (unitWeights.isEmpty() || unitWeights.get().field().size() != DigitImage.SIDE * DigitImage.SIDE) {
            return null; // only a unit that sees the whole picture has a picture of its own
        }
        Tensor w = unitWeights.get().weights(); // units × 784: row u is unit u's incoming weights
        List<float[]> rows = new ArrayList<>();
        for (int u = 0; u < w.rows(); u++) {
            rows.add(Arrays.copyOfRange(w.data(), u * w.cols(), (u + 1) * w.cols()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("layer", 0);
        answer.put("units", w.rows());
        answer.put("weights", rows);
        return answer;
    }
}
