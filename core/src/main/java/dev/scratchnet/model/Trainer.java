package dev.scratchnet.model;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.data.Batch;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.ImageShift;
import dev.scratchnet.optim.Optimizer;
import dev.scratchnet.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Mini-batch training: each epoch shuffles the examples, and for each batch runs
 * forward → loss and ∂L/∂output → backward → optimizer step. After the epoch it evaluates the
 * held-out set and tells the listeners.
 *
 * <p>Reproducible: the shuffle, the dropout masks and the image shifts ({@link #augment}) of epoch e
 * come from generators seeded with (seed, e), so the same seed on the same backend gives the same
 * weights, and a run resumed from a checkpoint continues exactly as if it had never stopped. A warm
 * training step allocates nothing: batches and gradient buffers are made once per batch size.
 *
 * <p>One trainer trains one network on one thread. {@link #requestStop()} may be called from any
 * thread (a Ctrl-C handler, a listener): the run ends after the current batch.
 */
public final class Trainer {
    private final Network network;
    private final TrainingConfig config;
    private final Optimizer optimizer;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private volatile boolean stopRequested;
    private int epochsCompleted;
    private int validationSize;
    /** The best validation accuracy so far and its epoch; a resumed run must beat the saved best, not start over. */
    private double bestValidationAccuracy = Double.NaN;
    private int bestValidationEpoch;
    /** Moves each training image a little before it is learnt from; null trains on the images as they are. */
    private ImageShift imageShift;

    /**
     * @param network the network to train
     * @param config how to train it
     */
    public Trainer(Network network, TrainingConfig config) {
        this.network = Objects.requireNonNull(network, "network");
        this.config = Objects.requireNonNull(config, "config");
        this.optimizer = config.createOptimizer();
        optimizer.prepare(network.parameters());
    }

    /**
     * @param listener told about every batch and epoch
     * @return this trainer
     */
    public Trainer addListener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Trains on randomly shifted copies of the images: each epoch, each training example is moved by
     * its own random (dx, dy), drawn from the run seed, the epoch and the example's index (see
     * {@link ImageShift}). The validation set is never shifted. Set it before {@link #resumeFrom}, which
     * checks that the checkpoint was trained with the same shift.
     *
     * @param shiftOrNull the augmentation, or null (or a shift of 0) for none
     * @return this trainer
     */
    public Trainer augment(ImageShift shiftOrNull) {
        imageShift = shiftOrNull == null || shiftOrNull.maxShift() == 0 ? null : shiftOrNull;
        return this;
    }

    /** @return the image augmentation, or null if the images are used as they are */
    public ImageShift imageShift() {
        return imageShift;
    }

    /** Ends the run after the current batch. Safe to call from any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    /** @return the configuration */
    public TrainingConfig config() {
        return config;
    }

    /** @return the network being trained */
    public Network network() {
        return network;
    }

    /** @return how many whole epochs are done, counting those before a resume */
    public int epochsCompleted() {
        return epochsCompleted;
    }

    /** @return the best validation accuracy so far (restored on resume), NaN before any validation */
    public double bestValidationAccuracy() {
        return bestValidationAccuracy;
    }

    /**
     * @return the epoch (1-based) that reached {@link #bestValidationAccuracy()}, 0 if none; a
     *         listener compares it with the epoch just finished to know whether this one is the best
     */
    public int bestValidationEpoch() {
        return bestValidationEpoch;
    }

    /** @return the state to save in a checkpoint, as of the last completed epoch or batch */
    public TrainingState state() {
        List<Tensor> copies = new ArrayList<>();
        for (Tensor t : optimizer.state()) {
            copies.add(t.copy());
        }
        return new TrainingState(config, epochsCompleted, optimizer.steps(), copies, validationSize,
                bestValidationAccuracy, imageShift == null ? 0 : imageShift.maxShift());
    }

    /**
     * Continues a run: the next {@link #fit} starts after the saved epoch, with the saved optimizer
     * memory. The network must already hold the checkpoint's weights.
     *
     * @param state the saved state, from a run of the same network and optimizer
     */
    public void resumeFrom(TrainingState state) {
        if (state.config().optimizer() != config.optimizer()) {
            throw new IllegalArgumentException("checkpoint was trained with " + state.config().optimizer().cliName()
                    + ", this run uses " + config.optimizer().cliName());
        }
        int shift = imageShift == null ? 0 : imageShift.maxShift();
        if (state.imageShift() != shift) {
            throw new IllegalArgumentException("the checkpoint was trained " + shifted(state.imageShift())
                    + ", but this run trains " + shifted(shift) + "; use the checkpoint's augmentation to continue it");
        }
        List<Tensor> needed = optimizer.state();
        List<Tensor> saved = state.optimizerState();
        if (saved.size() != needed.size()) {
            throw new IllegalArgumentException("the checkpoint holds " + saved.size() + " optimizer state tensors, but "
                    + config.optimizer().cliName() + " on this network needs " + needed.size());
        }
        for (int i = 0; i < saved.size(); i++) {
            Tensor s = saved.get(i);
            Tensor n = needed.get(i);
            if (s.rows() != n.rows() || s.cols() != n.cols()) {
                throw new IllegalArgumentException("optimizer state tensor " + i + " in the checkpoint is " + s.rows()
                        + "×" + s.cols() + ", but this network needs " + n.rows() + "×" + n.cols()
                        + " (was it saved for another network?)");
            }
        }
        optimizer.restore(state.optimizerSteps(), saved);
        epochsCompleted = state.epochsCompleted();
        validationSize = state.validationSize();
        bestValidationAccuracy = state.bestValidationAccuracy();
        bestValidationEpoch = Double.isNaN(bestValidationAccuracy) ? 0 : epochsCompleted;
    }

    /**
     * Trains from the current epoch up to the configured number of epochs.
     *
     * @param train the training examples
     * @param validation examples to evaluate after each epoch, or null
     * @return the statistics of the epochs run
     * @throws TrainingDivergedException if the loss becomes NaN or infinite
     */
    public TrainingResult fit(Dataset train, Dataset validation) {
        checkData(train, "training");
        if (validation != null) {
            checkData(validation, "validation");
        }
        if (imageShift != null && imageShift.geometry().size() != train.inputSize()) {
            throw new IllegalArgumentException("the image shift is for " + imageShift.geometry() + " images ("
                    + imageShift.geometry().size() + " values), but the training examples have "
                    + train.inputSize() + " values");
        }
        stopRequested = false;
        validationSize = validation == null ? 0 : validation.size();
        int n = train.size();
        int batchSize = Math.min(config.batchSize(), n);
        int batches = (n + batchSize - 1) / batchSize;
        int lastSize = n - (batches - 1) * batchSize;
        // Two full batches: the backend gathers the next one into one while the step computes on the other.
        Batch[] fullBatches = {new Batch(batchSize, train.inputSize(), train.outputSize()),
            new Batch(batchSize, train.inputSize(), train.outputSize())};
        Batch lastBatch = lastSize == batchSize ? null : new Batch(lastSize, train.inputSize(), train.outputSize());
        NextBatch next = new NextBatch(train, imageShift);
        Backend backend = network.backend();
        Tensor fullGrad = new Tensor(batchSize, train.outputSize());
        Tensor lastGrad = lastSize == batchSize ? fullGrad : new Tensor(lastSize, train.outputSize());
        int[] order = new int[n];
        TrainingListener[] told = listeners.toArray(new TrainingListener[0]); // indexed: no iterator per batch

        List<EpochStats> history = new ArrayList<>();
        try {
            while (epochsCompleted < config.epochs() && !stopRequested) {
                int epoch = epochsCompleted;
                float learningRate = config.learningRateAt(epoch);
                shuffle(order, new SplittableRandom(mix(config.seed(), epoch, 1)));
                network.reseed(new SplittableRandom(mix(config.seed(), epoch, 2)));
                long shiftSeed = mix(config.seed(), epoch, 3);
                for (TrainingListener l : told) {
                    l.onEpochStart(epoch + 1, batches);
                }
                long start = System.nanoTime();
                double lossSum = 0;
                long correct = 0;
                int seen = 0;
                next.of(order, 0, batchAt(0, batches, fullBatches, lastBatch), shiftSeed).gatherHere();
                for (int b = 0; b < batches && !stopRequested; b++) {
                    boolean last = b == batches - 1;
                    Batch batch = batchAt(b, batches, fullBatches, lastBatch);
                    Tensor grad = last ? lastGrad : fullGrad;
                    // Batch b was gathered during step b − 1; batch b + 1 is gathered during this step, on an idle
                    // thread where the backend has one (see NextBatch), into the buffer step b − 1 used.
                    backend.awaitAhead();
                    if (!last) {
                        Batch following = batchAt(b + 1, batches, fullBatches, lastBatch);
                        next.of(order, (b + 1) * batchSize, following, shiftSeed);
                        backend.runAhead(next.parts(), next);
                    }

                    Tensor output = network.forward(batch.inputs());
                    double batchLoss = network.loss().lossAndGradient(backend, output, batch.targets(), grad);
                    if (!Double.isFinite(batchLoss)) {
                        throw new TrainingDivergedException(epoch + 1, b + 1, learningRate);
                    }
                    if (train.hasLabels()) {
                        correct += countCorrect(output, batch.labels());
                    }
                    network.backward(grad);
                    optimizer.step(backend, network.parameters(), learningRate);

                    lossSum += batchLoss;
                    seen += batch.size();
                    for (int i = 0; i < told.length; i++) {
                        told[i].onBatchEnd(epoch + 1, b + 1, batches, batchLoss / batch.size(), lossSum / seen,
                                train.hasLabels() ? (double) correct / seen : Double.NaN);
                    }
                }
                backend.awaitAhead(); // a stop after step b leaves batch b + 1 gathering; the next shuffle rewrites order
                if (seen < n) {
                    break; // stopped mid-epoch: the last completed epoch stays the resume point
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                epochsCompleted++;
                Evaluation evaluation = validation == null ? null : network.evaluate(validation);
                if (evaluation != null && (Double.isNaN(bestValidationAccuracy) || evaluation.accuracy() > bestValidationAccuracy)) {
                    bestValidationAccuracy = evaluation.accuracy();
                    bestValidationEpoch = epoch + 1;
                }
                EpochStats stats = new EpochStats(epoch + 1, config.epochs(), lossSum / n,
                        train.hasLabels() ? (double) correct / n : Double.NaN, evaluation, learningRate, seconds, n);
                history.add(stats);
                for (TrainingListener l : told) {
                    l.onEpochEnd(stats);
                }
            }
        } catch (RuntimeException | Error failure) {
            try {
                backend.awaitAhead(); // nothing may still write into the batches once fit has returned
            } catch (RuntimeException | Error gatherFailure) {
                failure.addSuppressed(gatherFailure);
            }
            throw failure;
        }
        return new TrainingResult(history, epochsCompleted < config.epochs());
    }

    /** @return the buffer batch b of an epoch is gathered into: the last, shorter one, or the full ones in turn */
    private static Batch batchAt(int b, int batches, Batch[] fullBatches, Batch lastBatchOrNull) {
        return b == batches - 1 && lastBatchOrNull != null ? lastBatchOrNull : fullBatches[b % 2];
    }

    private static String shifted(int maxShift) {
        return maxShift == 0 ? "without image shifts" : "on images shifted by up to " + maxShift + " pixels";
    }

    private void checkData(Dataset data, String what) {
        if (data.inputSize() != network.inputSize() || data.outputSize() != network.outputSize()) {
            throw new IllegalArgumentException(what + " data has " + data.inputSize() + " inputs and "
                    + data.outputSize() + " outputs, but the network has " + network.inputSize() + " inputs and "
                    + network.outputSize() + " outputs");
        }
    }

    private static int countCorrect(Tensor output, int[] labels) {
        int classes = output.cols();
        int correct = 0;
        for (int i = 0; i < output.rows(); i++) {
            if (Evaluation.argmax(output.data(), i * classes, classes) == labels[i]) {
                correct++;
            }
        }
        return correct;
    }

    /** Fisher–Yates shuffle of 0 … n−1. */
    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** A seed for one purpose in one epoch, so no two streams overlap. */
    private static long mix(long seed, int epoch, int purpose) {
        return seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + purpose * 0x94D049BB133111EBL;
    }
}
