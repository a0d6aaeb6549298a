package dev.scratchnet.app;

import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.DatasetInfo;
import dev.scratchnet.data.Preprocessing;
import dev.scratchnet.layer.Layer;
import dev.scratchnet.layer.UnitWeights;
import dev.scratchnet.model.Evaluation;
import dev.scratchnet.model.Network;
import dev.scratchnet.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Writes a report folder: metrics files and the four pictures, from a trained network and the test set. */
final class ReportWriter {
    static final int MISTAKES_SHOWN = 40;

    private ReportWriter() {
    }

    /**
     * Writes the report; the pictures of mistakes only for picture data (a CSV row is no picture).
     *
     * @return the test evaluation the report was made from
     */
    static Evaluation write(Path dir, Network network, DatasetInfo data, Dataset test,
            List<EpochRecord> history) throws IOException {
        return write(dir, network, data, test, history, TestPass.of(network, test));
    }

    /**
     * Writes the report from a pass over the test set already made, for example by the last epoch of
     * the training run, so the network is not run over the test set again.
     *
     * @param pass the network's evaluation and predictions on {@code test}, with its current weights
     * @return {@code pass.evaluation()}
     */
    static Evaluation write(Path dir, Network network, DatasetInfo data, Dataset test,
            List<EpochRecord> history, TestPass pass) throws IOException {
        Evaluation evaluation = pass.evaluation();
        Tensor predictions = pass.predictions();
        MetricsWriter.write(dir, network.describe(), history, evaluation.accuracy(), evaluation.confusion());
        Charts.learningCurves(history, dir.resolve("learning-curves.png"));
        Charts.confusionMatrix(evaluation.confusion(), data.classNames(), dir.resolve("confusion-matrix.png"));
        if (data.image() != null) {
            Charts.exampleGrid("Most confidently misclassified test " + (data.name().equals("MNIST") ? "digits" : "images")
                            + " of " + data.name() + " (true → predicted, confidence)",
                    mostConfidentMistakes(predictions, data.preprocessing(), test, MISTAKES_SHOWN), data.image(),
                    data.classNames(), 10, dir.resolve("misclassified.png"));
        }
        Optional<UnitWeights> first = firstUnitWeights(network);
        if (first.isPresent() && Charts.pictureGrid(first.get().field()).isPresent()) {
            Charts.firstLayerWeights(first.get(), dir.resolve("first-layer-weights.png"));
        }
        writeFeatureMaps(dir, network, test, 0);
        return evaluation;
    }

    /**
     * For one test image, the output of every layer that has weights and an image output (each
     * convolution): {@code feature-maps-layer-L.png}, one picture per channel.
     *
     * @return the files written, in layer order
     */
    static List<Path> writeFeatureMaps(Path dir, Network network, Dataset test, int index) throws IOException {
        List<Path> written = new ArrayList<>();
        Tensor x = Tensor.wrap(1, test.inputSize(), java.util.Arrays.copyOfRange(test.inputs().data(),
                index * test.inputSize(), (index + 1) * test.inputSize()));
        List<Layer> layers = network.layers();
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            x = layer.infer(network.backend(), x);
            if (layer.outputShape().isImage() && !layer.parameters().isEmpty()) {
                Path png = dir.resolve("feature-maps-layer-" + l + ".png");
                Charts.featureMaps("Layer " + l + ", " + layer.describe() + ": " + layer.outputShape() + " for test image "
                        + index + (test.hasLabels() ? " (label " + test.labels()[index] + ")" : ""),
                        layer.outputShape(), x.data(), png);
                written.add(png);
            }
        }
        return written;
    }

    /** @param predictions {@link Network#predict} of the test inputs */
    static List<Charts.Example> mostConfidentMistakes(Tensor predictions, Preprocessing preprocessing, Dataset test,
            int count) {
        int classes = predictions.cols();
        int[] labels = test.labels();
        List<Charts.Example> mistakes = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            int predicted = Evaluation.argmax(predictions.data(), i * classes, classes);
            if (predicted != labels[i]) {
                mistakes.add(new Charts.Example(i, null, labels[i], predicted, predictions.get(i, predicted)));
            }
        }
        mistakes.sort(Comparator.comparingDouble(Charts.Example::confidence).reversed());
        List<Charts.Example> shown = new ArrayList<>();
        for (Charts.Example e : mistakes.subList(0, Math.min(count, mistakes.size()))) {
            shown.add(new Charts.Example(e.index(), rawPixels(test.inputs(), e.index(), preprocessing), e.label(),
                    e.predicted(), e.confidence()));
        }
        return shown;
    }

    /** Undoes the preprocessing ({@code input = (raw · scale − mean) / std}), giving back the 0..255 pixels of one image. */
    static int[] rawPixels(Tensor inputs, int row, Preprocessing preprocessing) {
        float[] mean = preprocessing.standardization().mean();
        float[] std = preprocessing.standardization().std();
        int[] pixels = new int[inputs.cols()];
        for (int c = 0; c < pixels.length; c++) {
            int j = mean.length == 1 ? 0 : c;
            float raw = (inputs.get(row, c) * std[j] + mean[j]) / preprocessing.scale();
            pixels[c] = Math.max(0, Math.min(255, Math.round(raw)));
        }
        return pixels;
    }

    /** The weights of the first layer that has unit weights to show (a dense layer's, say), if any. */
    static Optional<UnitWeights> firstUnitWeights(Network network) {
        for (Layer layer : network.layers()) {
            Optional<UnitWeights> weights = layer.unitWeights();
            if (weights.isPresent()) {
                return weights;
            }
        }
        return Optional.empty();
    }

    /**
     * One run of the network over the test set: the evaluation and, for the pictures of mistakes, the
     * predicted probabilities.
     *
     * @param evaluation loss, accuracy and confusion matrix
     * @param predictions {@link Network#predict} of the test inputs
     */
    record TestPass(Evaluation evaluation, Tensor predictions) {
        /** Runs {@code network} over {@code test} once and takes both from that one pass. */
        static TestPass of(Network network, Dataset test) {
            Tensor outputs = network.outputs(test.inputs());
            Tensor predictions = outputs.copy();
            network.loss().toPrediction(network.backend(), predictions, predictions);
            return new TestPass(network.evaluate(test, outputs), predictions);
        }
    }
}
