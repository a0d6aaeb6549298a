package dev.scratchnet.model;

import dev.scratchnet.tensor.Tensor;
import java.util.Locale;

/**
 * How well a network does on a data set: the mean loss and, for labelled data, accuracy, the
 * confusion matrix and per-class precision and recall. Immutable.
 */
public final class Evaluation {
    private final double loss;
    private final int count;
    private final int[][] confusion;
    private final int correct;

    private Evaluation(double loss, int count, int[][] confusion, int correct) {
        this.loss = loss;
        this.count = count;
        this.confusion = confusion;
        this.correct = correct;
    }

    /**
     * Builds an evaluation from network outputs.
     *
     * @param meanLoss the loss averaged over the examples
     * @param outputs the network outputs (n × classes); the largest in a row is the prediction
     * @param labelsOrNull the true class of each row, or null for unlabelled (regression) data
     * @return the evaluation
     */
    public static Evaluation of(double meanLoss, Tensor outputs, int[] labelsOrNull) {
        if (labelsOrNull == null) {
            return new Evaluation(meanLoss, outputs.rows(), new int[0][0], 0);
        }
        int classes = outputs.cols();
        int[][] confusion = new int[classes][classes];
        int correct = 0;
        for (int i = 0; i < outputs.rows(); i++) {
            int predicted = argmax(outputs.data(), i * classes, classes);
            confusion[labelsOrNull[i]][predicted]++;
            if (predicted == labelsOrNull[i]) {
                correct++;
            }
        }
        return new Evaluation(meanLoss, outputs.rows(), confusion, correct);
    }

    /**
     * @param meanLoss the loss averaged over the examples
     * @return this evaluation with that loss
     */
    Evaluation withLoss(double meanLoss) {
        return new Evaluation(meanLoss, count, confusion, correct);
    }

    /**
     * @param values the array
     * @param offset the first element
     * @param length how many elements
     * @return the position (0 … length−1) of the largest element; the first one on ties
     */
    public static int argmax(float[] values, int offset, int length) {
        int best = 0;
        for (int j = 1; j < length; j++) {
            if (values[offset + j] > values[offset + best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * @return the network's training loss averaged over the examples: cross-entropy, or for the
     *         quadratic cost ½‖y − a‖² summed over the outputs (half the squared error, not its mean)
     */
    public double loss() {
        return loss;
    }

    /** @return the number of examples */
    public int count() {
        return count;
    }

    /** @return the number of correctly classified examples */
    public int correct() {
        return correct;
    }

    /** @return the fraction classified correctly, 0 … 1 (0 for unlabelled data) */
    public double accuracy() {
        return count == 0 ? 0 : (double) correct / count;
    }

    /** @return the number of classes (0 for unlabelled data) */
    public int classes() {
        return confusion.length;
    }

    /** @return a copy of the confusion matrix: [true class][predicted class] → count */
    public int[][] confusion() {
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /**
     * @param c a class
     * @return of the examples predicted as c, the fraction that are c (NaN if none was predicted)
     */
    public double precision(int c) {
        int predicted = 0;
        for (int[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? Double.NaN : (double) confusion[c][c] / predicted;
    }

    /**
     * @param c a class
     * @return of the examples that are c, the fraction predicted as c (NaN if there are none)
     */
    public double recall(int c) {
        int actual = 0;
        for (int v : confusion[c]) {
            actual += v;
        }
        return actual == 0 ? Double.NaN : (double) confusion[c][c] / actual;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "loss %.4f, accuracy %.2f%% (%d/%d)",
                loss, 100 * accuracy(), correct, count);
    }
}
