package dev.scratchnet.bench;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.layer.Initializer;
import dev.scratchnet.layer.Shape;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.optim.OptimizerKind;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The networks every benchmark and the reference scripts (bench/reference/) train, with the same
 * architecture, initialisation, loss, optimizer and batch size everywhere: three dense ones, and the
 * course CNN (its PyTorch twin is ../shared/anchors/torch_cnn.py).
 */
enum BenchNetwork {
    /** Nielsen's network: 784-30-10, sigmoid throughout, quadratic loss, SGD η = 3, batch 10, N(0, 1) init. */
    NIELSEN(new int[] {30}, Activation.SIGMOID, Activation.SIGMOID, LossKind.QUADRATIC, Initializer.NORMAL,
            OptimizerKind.SGD, 3.0f, 10),
    /** 784-128-10 ReLU, softmax cross-entropy, momentum 0.9 with η = 0.05, batch 64, He init. */
    RELU128(new int[] {128}, Activation.RELU, Activation.IDENTITY, LossKind.CROSS_ENTROPY, Initializer.HE,
            OptimizerKind.MOMENTUM, 0.05f, 64),
    /** 784-512-256-10 ReLU, softmax cross-entropy, Adam with η = 1e-3, batch 128, He init. */
    DEEP(new int[] {512, 256}, Activation.RELU, Activation.IDENTITY, LossKind.CROSS_ENTROPY, Initializer.HE,
            OptimizerKind.ADAM, 1e-3f, 128),
    /**
     * The course CNN: conv 5×5×20, max-pool 2, conv 5×5×40, max-pool 2, then 640-100-10 ReLU, softmax
     * cross-entropy, momentum 0.9 with η = 0.05, batch 64, He init.
     */
    CNN(new int[] {100}, Activation.RELU, Activation.IDENTITY, LossKind.CROSS_ENTROPY, Initializer.HE,
            OptimizerKind.MOMENTUM, 0.05f, 64);

    /** The dense networks, which EndToEndBench runs unless told otherwise. */
    static final java.util.List<BenchNetwork> DENSE = java.util.List.of(NIELSEN, RELU128, DEEP);

    static final int INPUTS = 784;
    static final int CLASSES = 10;

    private final int[] hidden;
    private final Activation hiddenActivation;
    private final Activation outputActivation;
    private final LossKind loss;
    private final Initializer initializer;
    private final OptimizerKind optimizer;
    private final float learningRate;
    private final int batchSize;

    BenchNetwork(int[] hidden, Activation hiddenActivation, Activation outputActivation, LossKind loss,
                 Initializer initializer, OptimizerKind optimizer, float learningRate, int batchSize) {
        this.hidden = hidden;
        this.hiddenActivation = hiddenActivation;
        this.outputActivation = outputActivation;
        this.loss = loss;
        this.initializer = initializer;
        this.optimizer = optimizer;
        this.learningRate = learningRate;
        this.batchSize = batchSize;
    }

    /** @return the name used on the command line and in {@code -p network=…} */
    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the examples per optimizer step */
    int batchSize() {
        return batchSize;
    }

    /**
     * @param backend the kernels
     * @param seed    the seed of the initial weights
     * @return a freshly initialised network
     */
    Network build(Backend backend, long seed) {
        Network.Builder b = Network.builder().input(INPUTS);
        if (this == CNN) {
            b = Network.builder().input(new Shape(1, 28, 28)).conv(5, 20, hiddenActivation).maxPool(2)
                    .conv(5, 40, hiddenActivation).maxPool(2);
        }
        for (int units : hidden) {
            b.dense(units, hiddenActivation);
        }
        return b.dense(CLASSES, outputActivation).loss(loss).initializer(initializer).seed(seed).backend(backend)
                .build();
    }

    /**
     * @param epochs passes over the training set
     * @param seed   the seed of the shuffle
     * @return the training configuration (momentum 0.9 and Adam's β₁ 0.9, β₂ 0.999, ε 1e-8 are the builder's defaults)
     */
    TrainingConfig config(int epochs, long seed) {
        return TrainingConfig.builder().optimizer(optimizer).learningRate(learningRate).momentum(0.9f)
                .batchSize(batchSize).epochs(epochs).seed(seed).build();
    }

    /** @return a one-line description, for example {@code 784-128-10 relu, cross-entropy, momentum η=0.05, batch 64} */
    String describe() {
        String widths = (this == CNN ? "conv5x20-pool2-conv5x40-pool2-640" : INPUTS) + "-" + Arrays.stream(hidden).mapToObj(Integer::toString).collect(Collectors.joining("-"))
                + "-" + CLASSES;
        return widths + " " + hiddenActivation.cliName() + ", " + loss.cliName() + ", " + optimizer.cliName()
                + " η=" + learningRate + ", batch " + batchSize;
    }

    /**
     * @param name {@code nielsen}, {@code relu128}, {@code deep} or {@code cnn}, any case
     * @return the network
     * @throws IllegalArgumentException naming the accepted values
     */
    static BenchNetwork parse(String name) {
        for (BenchNetwork n : values()) {
            if (n.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown network '" + name + "'; use one of "
                + Arrays.stream(values()).map(BenchNetwork::cliName).collect(Collectors.joining(", ")));
    }
}
