package dev.scratchnet.app;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.data.ImageGeometry;
import dev.scratchnet.data.ImageShift;
import dev.scratchnet.data.DatasetInfo;
import dev.scratchnet.layer.Initializer;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.optim.LearningRateSchedule;
import dev.scratchnet.optim.OptimizerKind;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The flags that describe a network and how to train it. Every field is null unless given, so a
 * preset can fill what the user left out and {@code --resume} can tell which flags were given.
 */
final class TrainOptions {
    static final int PIXELS = 28 * 28;
    static final int CLASSES = 10;
    static final int MAX_UNITS = 1 << 16;

    /** Named starting points; single flags still override them. */
    enum Preset {
        /**
         * The default: 98.3% on MNIST and 89.6% on Fashion-MNIST. 20 epochs rather than 10: Fashion-MNIST
         * needs them (88.9% after 10), and MNIST loses nothing (98.18% after 10). The output layer always
         * has one unit per class of the data.
         */
        DEFAULT(new Settings(LayerSpec.dense(List.of(256)), Activation.RELU, LossKind.CROSS_ENTROPY, Initializer.HE,
                OptimizerKind.MOMENTUM, 0.05f, 0.9f, 64, 20, 1e-4f, 0f, LearningRateSchedule.cosine(), 42L)),
        /** Nielsen's "Neural Networks and Deep Learning", chapter 1: about 95% after 30 epochs. */
        NIELSEN(new Settings(LayerSpec.dense(List.of(30)), Activation.SIGMOID, LossKind.QUADRATIC, Initializer.NORMAL,
                OptimizerKind.SGD, 3.0f, 0f, 10, 30, 0f, 0f, LearningRateSchedule.constant(), 42L)),
        /**
         * The course CNN (Nielsen, chapter 6): conv 5×5×20, pool 2, conv 5×5×40, pool 2, dense 100, dense 10, all
         * ReLU, softmax cross-entropy; momentum SGD with a cosine schedule, L2 and dropout before the output layer.
         */
        CNN(new Settings(LayerSpec.hidden("conv5x20,pool2,conv5x40,pool2,100"), Activation.RELU, LossKind.CROSS_ENTROPY,
                Initializer.HE, OptimizerKind.MOMENTUM, 0.05f, 0.9f, 64, 12, 5e-4f, 0.3f, LearningRateSchedule.cosine(), 42L));

        final Settings settings;

        Preset(Settings settings) {
            this.settings = settings;
        }
    }

    /** Every value resolved: what the network and the trainer are built from. */
    record Settings(LayerSpec layers, Activation activation, LossKind loss, Initializer initializer,
                    OptimizerKind optimizer, float learningRate, float momentum, int batchSize, int epochs,
                    float l2, float dropout, LearningRateSchedule schedule, long seed) {

        /** Cross-entropy wants raw logits (softmax is fused into it); the quadratic cost a sigmoid output. */
        Activation outputActivation() {
            return loss == LossKind.CROSS_ENTROPY ? Activation.IDENTITY : Activation.SIGMOID;
        }

        Network buildNetwork() {
            Network.Builder b = Network.builder().input(layers.inputShape());
            layers.addTo(b, activation, outputActivation(), dropout);
            return b.loss(loss).initializer(initializer).seed(seed).build();
        }

        TrainingConfig buildConfig() {
            return TrainingConfig.builder().optimizer(optimizer).learningRate(learningRate).momentum(momentum)
                    .batchSize(batchSize).epochs(epochs).l2(l2).schedule(schedule).seed(seed).build();
        }
    }

    @Option(names = "--preset", paramLabel = "NAME", description = "Start from a named setup: default, nielsen "
            + "(784-30-10 sigmoid, quadratic cost, SGD η=3, batch 10, 30 epochs) or cnn (conv5x20,pool2,conv5x40,pool2,100,10; "
            + "12 epochs, L2 0.0005, dropout 0.3). Other flags override it.")
    String preset;

    @Option(names = "--layers", paramLabel = "SPEC",
            description = "The layer stack, input side first, from the data's inputs to its classes (default "
                    + "784,256,10 for MNIST). Entries: " + LayerSpec.SYNTAX + ". With convolutions the leading input "
                    + "size may be left out.")
    String layers;

    @Option(names = "--hidden", split = ",", paramLabel = "N,N,...", hideParamSyntax = true,
            description = "Hidden layer sizes only, e.g. 128 or 256,64 (the data's inputs and classes are added).")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "F",
            description = "Hidden-layer activation: sigmoid, tanh, relu, leaky-relu (default relu).")
    Activation activation;

    @Option(names = "--loss", paramLabel = "L", description = "cross-entropy (softmax output) or quadratic "
            + "(sigmoid output) (default cross-entropy).")
    LossKind loss;

    @Option(names = "--init", paramLabel = "I", description = "Weight initialisation: normal, scaled-normal, xavier, he "
            + "(default he).")
    Initializer initializer;

    @Option(names = "--optimizer", paramLabel = "O", description = "sgd, momentum, nesterov or adam (default momentum).")
    OptimizerKind optimizer;

    @Option(names = "--lr", paramLabel = "η", description = "Learning rate, above 0 (default 0.05).")
    Float learningRate;

    @Option(names = "--momentum", paramLabel = "μ", description = "Momentum for momentum/nesterov, from 0 up to 1 (default 0.9).")
    Float momentum;

    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (default 64).")
    Integer batchSize;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training set (default 20).")
    Integer epochs;

    @Option(names = "--l2", paramLabel = "λ", description = "L2 weight decay, 0 to 1 (default 0.0001).")
    Float l2;

    @Option(names = "--dropout", paramLabel = "P", description = "Dropout rate after each hidden layer, from 0 up to 1 (default 0).")
    Float dropout;

    @Option(names = "--schedule", paramLabel = "S",
            description = "Learning-rate schedule: constant, cosine, or step:EVERY:FACTOR like step:5:0.5 (default cosine).")
    LearningRateSchedule schedule;

    @Option(names = "--seed", paramLabel = "N", description = "Seeds weights, shuffling, dropout and the held-out test set (default 42).")
    Long seed;

    /** The flags that shape the network or the optimizer: fixed by a checkpoint when resuming. */
    List<String> givenModelFlags() {
        List<String> given = new ArrayList<>();
        add(given, "--preset", preset);
        add(given, "--layers", layers);
        add(given, "--hidden", hidden);
        add(given, "--activation", activation);
        add(given, "--loss", loss);
        add(given, "--init", initializer);
        add(given, "--optimizer", optimizer);
        add(given, "--lr", learningRate);
        add(given, "--momentum", momentum);
        add(given, "--batch", batchSize);
        add(given, "--l2", l2);
        add(given, "--dropout", dropout);
        add(given, "--schedule", schedule);
        add(given, "--seed", seed);
        add(given, "--augment", augment);
        return given;
    }

    private static void add(List<String> given, String flag, Object value) {
        if (value != null) {
            given.add(flag);
        }
    }

    /**
     * Checks every given value; all problems are reported together as one usage error. What depends
     * on the data (the batch against the training set, the layers against its shape) is checked by
     * {@link #resolve} once the data is loaded.
     */
    void validate(Validation v) {
        v.require(preset == null || presetOrNull() != null,
                "--preset must be default, nielsen or cnn, got '" + preset + "'");
        v.require(layers == null || hidden == null, "--layers and --hidden both give the layer sizes; use one of them");
        if (layers != null) {
            try {
                LayerSpec.parse(layers);
            } catch (IllegalArgumentException e) {
                v.require(false, e.getMessage());
            }
        }
        if (hidden != null) {
            hidden.forEach(n -> v.between("every --hidden size", n, 1, MAX_UNITS));
        }
        if (learningRate != null) {
            v.positive("--lr", learningRate);
        }
        if (momentum != null) {
            v.inRange("--momentum", momentum, 0, 1, false);
        }
        if (batchSize != null) {
            v.atLeast("--batch", batchSize, 1);
        }
        if (epochs != null) {
            v.between("--epochs", epochs, 1, 100_000);
        }
        if (l2 != null) {
            v.inRange("--l2", l2, 0, 1, true);
        }
        if (dropout != null) {
            v.inRange("--dropout", dropout, 0, 1, false);
        }
        if (augment != null) {
            v.atLeast("--augment", augment, 0); // the upper bound depends on the images: see imageShift
        }
    }

    // --- Image augmentation (issue 12): a self-contained block; the range depends on the data's image size. ---

    @Option(names = "--augment", paramLabel = "N", description = "Shift each training image by a random -N..N pixels "
            + "along x and along y, anew every epoch (zero fill; drawn from --seed, so runs repeat); for image data, "
            + "N up to a quarter of the shorter side (7 for MNIST); kept by --resume (default 0, none).")
    Integer augment;

    /**
     * The shift for {@code --augment}, or null when it is absent or 0. One sentence for data that is
     * not images or an N out of range, as a usage error.
     *
     * @param spec the command, for the usage error
     * @param imagesOrNull the training data's image shape, or null if its inputs are not images
     * @param data what the data is, for the message (a folder or file name)
     */
    ImageShift imageShift(CommandSpec spec, ImageGeometry imagesOrNull, String data) {
        if (augment == null || augment == 0) {
            return null;
        }
        if (imagesOrNull == null) {
            throw new ParameterException(spec.commandLine(), "--augment shifts images, but " + data
                    + " holds inputs that are not images; leave out --augment");
        }
        int largest = ImageShift.largestShift(imagesOrNull);
        if (augment < 0 || augment > largest) {
            throw new ParameterException(spec.commandLine(), "--augment must be between 0 and " + largest
                    + " pixels for the " + imagesOrNull.height() + "×" + imagesOrNull.width() + " images of " + data
                    + " (a quarter of the shorter side), got " + augment);
        }
        return new ImageShift(imagesOrNull, augment);
    }

    // --- End of the augmentation block. ---

    private Preset presetOrNull() {
        for (Preset p : Preset.values()) {
            if (p.name().equalsIgnoreCase(preset.trim())) {
                return p;
            }
        }
        return null;
    }

    /** @return {@code --seed}, else the preset's: it also draws the held-out test set, before the network is made */
    long seed() {
        return seed != null ? seed : (preset == null ? Preset.DEFAULT : presetOrNull()).settings.seed();
    }

    /**
     * The preset's values with every given flag laid over them, the layers fitted to the data. Call
     * after {@link #validate}.
     *
     * @param data what the network will be trained on
     * @param trainingExamples how many examples one epoch has, the largest batch
     * @throws IllegalArgumentException with one sentence if the layers or the batch do not fit the data
     */
    Settings resolve(DatasetInfo data, int trainingExamples) {
        Settings base = (preset == null ? Preset.DEFAULT : presetOrNull()).settings;
        LayerSpec stack = base.layers();
        if (layers != null) {
            stack = LayerSpec.parse(layers);
        } else if (hidden != null) {
            stack = LayerSpec.dense(hidden);
        }
        if (preset != null && presetOrNull() == Preset.CNN && data.image() == null && layers == null && hidden == null) {
            throw new IllegalArgumentException("--preset cnn needs pictures (an IDX folder or a folder of class folders), "
                    + "but " + data.name() + " has rows of " + data.inputSize() + " numbers; use the default network or "
                    + "--hidden for this data");
        }
        stack = stack.bind(data);
        if (batchSize != null && batchSize > trainingExamples) {
            throw new IllegalArgumentException("--batch must be between 1 and " + trainingExamples
                    + ", the number of training examples, got " + batchSize);
        }
        return new Settings(stack,
                activation != null ? activation : base.activation(),
                loss != null ? loss : base.loss(),
                initializer != null ? initializer : base.initializer(),
                optimizer != null ? optimizer : base.optimizer(),
                learningRate != null ? learningRate : base.learningRate(),
                momentum != null ? momentum : base.momentum(),
                batchSize != null ? batchSize : base.batchSize(),
                epochs != null ? epochs : base.epochs(),
                l2 != null ? l2 : base.l2(),
                dropout != null ? dropout : base.dropout(),
                schedule != null ? schedule : base.schedule(),
                seed != null ? seed : base.seed());
    }
}
