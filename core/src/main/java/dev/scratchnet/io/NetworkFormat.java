package dev.scratchnet.io;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.data.DatasetInfo;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.layer.Layer;
import dev.scratchnet.layer.LayerCodec;
import dev.scratchnet.layer.LayerCodecs;
import dev.scratchnet.layer.Parameter;
import dev.scratchnet.layer.Shape;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.model.TrainingState;
import dev.scratchnet.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.zip.CRC32;

/**
 * The model file: a versioned binary format with a magic header and a checksum. No Java
 * serialization, so a file can only ever produce a network, never run code. All numbers are
 * big-endian; strings are a 32-bit byte length followed by UTF-8.
 *
 * <pre>
 * magic        8 bytes  "SCRNET" 0x0D 0x0A   (the line ending catches text-mode transfers)
 * version      int32    3
 * flags        int32    bit 0: a training state follows the weights; bit 1: a data description follows
 * inputShape   int32 channels, int32 height, int32 width
 * layerCount   int32
 * per layer    string kind (dense, dropout, ...: the key of its LayerCodec),
 *              int32 n, n bytes of configuration (what Layer.writeConfig wrote),
 *              int32 parameterCount, per parameter int32 rows, int32 cols
 * loss         string   cross-entropy | quadratic
 * normalization float32 scale, float32 offset    (input = raw pixel · scale + offset)
 * parameters   per layer, per parameter in Layer.parameters() order: float32 × rows·cols, row-major
 * [state]      string config (key=value lines: the {@link TrainingConfig} plus validationSize,
 *                     bestValidationAccuracy and imageShift, which older files lack), int32 epochsCompleted,
 *              int64 optimizerSteps, int32 tensorCount, per tensor int32 rows, int32 cols, float32 × rows·cols
 * [data]       the {@link DatasetInfo} the network was trained on (class names, input geometry,
 *              preprocessing), in the form of {@link DatasetInfo#writeTo}
 * crc32        int32    CRC-32 of every byte before it
 * </pre>
 *
 * The layer section is open: each layer writes its own configuration, and the {@link LayerCodec}
 * registered in {@link LayerCodecs} under its kind reads it back. The configuration is
 * length-prefixed, so a file holding a kind this program does not know is refused with that kind's
 * name. Version 1 (before the open layer seam) is still read: there the header holds an int32 input
 * size, each layer is int8 kind 1 (dense: int32 units, string activation) or 2 (dropout: float32
 * rate), and the dense weights and biases follow in the same parameter order. Version 2 is version 3
 * without the data description (models trained on MNIST before the command line read other data).
 *
 * <p>Writes are atomic ({@link AtomicFiles}); reads check the magic, the version and the checksum
 * before they trust any size, check every declared size against the bytes that are left before any
 * layer is made, and reject weights that are not finite. {@link #load} reads the header before
 * anything else and checks the checksum while streaming, so a large file that is not a model, or is
 * damaged, is refused without being read into memory.
 */
public final class NetworkFormat {
    /** The current format version. */
    public static final int VERSION = 3;
    /** The version before the data description, still read. */
    private static final int VERSION_2 = 2;
    /** The version before the open layer seam, still read. */
    private static final int VERSION_1 = 1;

    private static final byte[] MAGIC = {'S', 'C', 'R', 'N', 'E', 'T', 0x0D, 0x0A};
    private static final int V1_KIND_DENSE = 1;
    private static final int V1_KIND_DROPOUT = 2;
    /** A layer's configuration is a few numbers and names; a larger claim means damage. */
    private static final int MAX_CONFIG_BYTES = 1 << 16;
    private static final int MAX_PARAMETERS_PER_LAYER = 64;
    /** No real model comes near this; a larger claim means damage, so refuse before allocating. */
    private static final int MAX_WIDTH = 1 << 24;
    private static final long MAX_FILE_BYTES = 1L << 31;
    /** Magic and version: enough to tell a model of this version from anything else. */
    private static final int HEADER_BYTES = MAGIC.length + 4;
    /** The run's validation bookkeeping, stored as extra lines of the state's config text. */
    private static final String VALIDATION_SIZE = "validationSize";
    private static final String BEST_VALIDATION = "bestValidationAccuracy";
    /** The run's image augmentation ({@link TrainingState#imageShift()}), another extra line; absent means 0. */
    private static final String IMAGE_SHIFT = "imageShift";
    private static final int FLAG_STATE = 1;
    private static final int FLAG_DATA = 2;

    private NetworkFormat() {
    }

    /**
     * Saves a trained network, atomically.
     *
     * @param network the network
     * @param normalization how inputs were made from raw pixels
     * @param file the file to write
     * @throws IOException if the file cannot be written (an existing file is then untouched)
     */
    public static void save(Network network, Normalization normalization, Path file) throws IOException {
        save(network, normalization, null, file);
    }

    /**
     * Saves a network and, for a checkpoint, the state needed to resume training, atomically.
     *
     * @param network the network
     * @param normalization how inputs were made from raw pixels
     * @param stateOrNull the training state, or null
     * @param file the file to write
     * @throws IOException if the file cannot be written (an existing file is then untouched)
     */
    public static void save(Network network, Normalization normalization, TrainingState stateOrNull, Path file)
            throws IOException {
        save(network, normalization, stateOrNull, null, file);
    }

    /**
     * Saves a network with the description of the data it was trained on, atomically, so that a
     * program loading it knows the class names, the input geometry and the preprocessing.
     *
     * @param network the network
     * @param normalization how inputs were made from raw values (the scale of {@code dataOrNull}'s preprocessing)
     * @param stateOrNull the training state, or null
     * @param dataOrNull the data description, or null; its input size and class count must be the network's
     * @param file the file to write
     * @throws IOException if the file cannot be written (an existing file is then untouched)
     */
    public static void save(Network network, Normalization normalization, TrainingState stateOrNull,
                            DatasetInfo dataOrNull, Path file) throws IOException {
        AtomicFiles.write(file, toBytes(network, normalization, stateOrNull, dataOrNull));
    }

    /**
     * Encodes a model in the format above.
     *
     * @param network the network
     * @param normalization how inputs were made from raw pixels
     * @param stateOrNull the training state, or null
     * @return the file content
     */
    public static byte[] toBytes(Network network, Normalization normalization, TrainingState stateOrNull) {
        return toBytes(network, normalization, stateOrNull, null);
    }

    /**
     * Encodes a model with the description of its data in the format above.
     *
     * @param network the network
     * @param normalization how inputs were made from raw values
     * @param stateOrNull the training state, or null
     * @param dataOrNull the data description, or null
     * @return the file content
     * @throws IllegalArgumentException if the description's input size or class count is not the network's
     */
    public static byte[] toBytes(Network network, Normalization normalization, TrainingState stateOrNull,
                                 DatasetInfo dataOrNull) {
        if (dataOrNull != null) {
            checkFits(dataOrNull, network);
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt((stateOrNull == null ? 0 : FLAG_STATE) | (dataOrNull == null ? 0 : FLAG_DATA));
            writeLayers(out, network);
            writeString(out, network.loss().kind().cliName());
            out.writeFloat(normalization.scale());
            out.writeFloat(normalization.offset());
            for (Parameter p : network.parameters()) {
                writeFloats(out, p.value().data());
            }
            if (stateOrNull != null) {
                writeString(out, stateText(stateOrNull));
                out.writeInt(stateOrNull.epochsCompleted());
                out.writeLong(stateOrNull.optimizerSteps());
                out.writeInt(stateOrNull.optimizerState().size());
                for (Tensor t : stateOrNull.optimizerState()) {
                    out.writeInt(t.rows());
                    out.writeInt(t.cols());
                    writeFloats(out, t.data());
                }
            }
            if (dataOrNull != null) {
                dataOrNull.writeTo(out);
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }

    /** Writes the input shape and, per layer, its kind, its length-prefixed configuration and its parameter shapes. */
    private static void writeLayers(DataOutputStream out, Network network) throws IOException {
        Shape input = network.inputShape();
        out.writeInt(input.channels());
        out.writeInt(input.height());
        out.writeInt(input.width());
        out.writeInt(network.layers().size());
        for (Layer layer : network.layers()) {
            writeString(out, layer.kind());
            ByteArrayOutputStream config = new ByteArrayOutputStream();
            layer.writeConfig(new DataOutputStream(config));
            out.writeInt(config.size());
            config.writeTo(out);
            out.writeInt(layer.parameters().size());
            for (Parameter p : layer.parameters()) {
                out.writeInt(p.value().rows());
                out.writeInt(p.value().cols());
            }
        }
    }

    /**
     * Loads a model file. The header is checked first and the checksum while streaming, so a
     * file that is not a model (or a damaged one) is refused without reading it into memory.
     *
     * @param file the file
     * @param backend the kernels the loaded network will run on
     * @return the network, its normalization and any training state
     * @throws ModelFormatException if the file is not a Scratchnet model, is of another version, or is damaged
     * @throws IOException if the file cannot be read
     */
    public static SavedModel load(Path file, Backend backend) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(file + " is a folder, not a model file; give the file that "
                    + "'scratchnet train --save' wrote");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("model file " + file + " does not exist; check the path, or train "
                    + "one with: scratchnet train --save " + file);
        }
        String source = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            checkHeader(readFully(channel, 0, (int) Math.min(size, HEADER_BYTES)), size, source);
            if (size >= MAX_FILE_BYTES) {
                throw new ModelFormatException(source + " is " + size + " bytes, too large to be a Scratchnet model; "
                        + "it is damaged, retrain it");
            }
            CRC32 crc = new CRC32();
            ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
            for (long position = 0; position < size - 4; ) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), size - 4 - position));
                int n = channel.read(chunk, position);
                if (n < 0) {
                    throw new ModelFormatException(source + " shrank while it was read; try again");
                }
                crc.update(chunk.flip());
                position += n;
            }
            checkChecksum(crc, readFully(channel, size - 4, 4).getInt(), source);
            return fromBytes(readFully(channel, 0, (int) size).array(), source, backend);
        }
    }

    /**
     * Whether a file starts like a Scratchnet model (of any version), judged by its first bytes
     * only: used to refuse overwriting files that are not models.
     *
     * @param file an existing file
     * @return true if it begins with the model magic
     * @throws IOException if the file cannot be read
     */
    public static boolean looksLikeModel(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < MAGIC.length) {
                return false;
            }
            return Arrays.equals(readFully(channel, 0, MAGIC.length).array(), MAGIC);
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break; // shorter than it was a moment ago: the checks below report it as truncated
            }
        }
        return buffer.flip();
    }

    /** Magic, then version, from the first bytes; {@code length} is the whole content's length. */
    private static int checkHeader(ByteBuffer first, long length, String source) throws ModelFormatException {
        byte[] magic = new byte[MAGIC.length];
        if (length < MAGIC.length + 8 || first.remaining() < HEADER_BYTES) {
            throw notAModel(source);
        }
        first.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw notAModel(source);
        }
        int version = first.getInt();
        if (version != VERSION && version != VERSION_2 && version != VERSION_1) {
            throw new ModelFormatException(source + " is a Scratchnet model of format version " + version
                    + ", but this build reads versions " + VERSION_1 + " to " + VERSION
                    + "; retrain it or use the matching Scratchnet");
        }
        return version;
    }

    private static ModelFormatException notAModel(String source) {
        return new ModelFormatException(source + " is not a Scratchnet model file (no SCRNET header); "
                + "pass a file written by 'scratchnet train --save'");
    }

    private static void checkChecksum(CRC32 crc, int stored, String source) throws ModelFormatException {
        if ((int) crc.getValue() != stored) {
            throw new ModelFormatException(source + " is damaged (checksum mismatch: truncated or corrupted); "
                    + "restore it from a copy or retrain it");
        }
    }

    /**
     * Decodes a model from bytes.
     *
     * @param content the file content
     * @param source the file name, for messages
     * @param backend the kernels the loaded network will run on
     * @return the network, its normalization and any training state
     * @throws ModelFormatException if the content is not a valid model
     */
    public static SavedModel fromBytes(byte[] content, String source, Backend backend) throws ModelFormatException {
        int version = checkHeader(ByteBuffer.wrap(content, 0, Math.min(content.length, HEADER_BYTES)), content.length, source);
        ByteBuffer in = ByteBuffer.wrap(content);
        in.position(HEADER_BYTES);
        CRC32 crc = new CRC32();
        crc.update(content, 0, content.length - 4);
        checkChecksum(crc, ByteBuffer.wrap(content, content.length - 4, 4).getInt(), source);
        try {
            SavedModel model = parse(in.limit(content.length - 4), version, source, backend);
            if (in.hasRemaining()) {
                throw new ModelFormatException(source + " has " + in.remaining() + " unexpected bytes after the model; "
                        + "it is damaged, retrain it");
            }
            return model;
        } catch (BufferUnderflowException e) {
            throw new ModelFormatException(source + " ends before the model it describes is complete; "
                    + "it is damaged, retrain it");
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException(source + " describes an invalid model (" + e.getMessage() + "); retrain it");
        }
    }

    private static SavedModel parse(ByteBuffer in, int version, String source, Backend backend)
            throws ModelFormatException {
        int flags = in.getInt();
        Network.Builder builder = Network.builder().backend(backend);
        if (version == VERSION_1) {
            readLayersVersion1(in, builder, source);
        } else {
            readLayers(in, builder, source);
        }
        builder.loss(LossKind.parse(readString(in, source)));
        Normalization normalization = new Normalization(in.getFloat(), in.getFloat());
        Network network = builder.build();
        long parameterFloats = network.parameterCount();
        if (parameterFloats * 4 > in.remaining()) {
            throw new ModelFormatException(source + " ends before the model it describes is complete; "
                    + "it is damaged, retrain it");
        }
        for (Parameter p : network.parameters()) {
            readFloats(in, p.value().data(), source, p.name());
        }
        TrainingState state = null;
        if ((flags & FLAG_STATE) != 0) {
            String text = readString(in, source);
            TrainingConfig config = TrainingConfig.fromText(text);
            int epochs = in.getInt();
            long steps = in.getLong();
            int count = in.getInt();
            if (count < 0 || count > 4 * network.parameters().size()) {
                throw new ModelFormatException(source + " claims " + count + " optimizer tensors; it is damaged, retrain it");
            }
            List<Tensor> tensors = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int rows = width(in.getInt(), "optimizer state rows", source);
                int cols = width(in.getInt(), "optimizer state columns", source);
                if ((long) rows * cols * 4 > in.remaining()) {
                    throw new BufferUnderflowException();
                }
                Tensor t = new Tensor(rows, cols);
                readFloats(in, t.data(), source, "optimizer state");
                tensors.add(t);
            }
            checkOptimizerShapes(tensors, network, source);
            Properties extra = properties(text);
            state = new TrainingState(config, epochs, steps, tensors,
                    Integer.parseInt(extra.getProperty(VALIDATION_SIZE, "0")),
                    Double.parseDouble(extra.getProperty(BEST_VALIDATION, "NaN")),
                    Integer.parseInt(extra.getProperty(IMAGE_SHIFT, "0")));
        }
        DatasetInfo data = null;
        if ((flags & FLAG_DATA) != 0 && version == VERSION) {
            data = readDatasetInfo(in, source);
            checkFits(data, network, source);
        }
        return new SavedModel(network, normalization, state, data);
    }

    /** The data description, read by {@link DatasetInfo#readFrom} from the bytes before the checksum. */
    private static DatasetInfo readDatasetInfo(ByteBuffer in, String source) throws ModelFormatException {
        ByteArrayInputStream bytes = new ByteArrayInputStream(in.array(), in.position(), in.remaining());
        int before = bytes.available();
        try {
            DatasetInfo data = DatasetInfo.readFrom(new DataInputStream(bytes));
            in.position(in.position() + before - bytes.available());
            return data;
        } catch (IOException e) { // a DataFormatException, or an early end of the bytes
            throw new ModelFormatException(source + " has a damaged data description (" + Objects.requireNonNullElse(
                    e.getMessage(), "it ends too early") + "); it is damaged, retrain it");
        }
    }

    private static void checkFits(DatasetInfo data, Network network) {
        if (data.inputSize() != network.inputSize() || data.classes() != network.outputSize()) {
            throw new IllegalArgumentException("the data has " + data.inputSize() + " inputs and " + data.classes()
                    + " classes but the network takes " + network.inputSize() + " and gives " + network.outputSize());
        }
    }

    private static void checkFits(DatasetInfo data, Network network, String source) throws ModelFormatException {
        try {
            checkFits(data, network);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + " describes data that does not fit its network (" + e.getMessage()
                    + "); it is damaged, retrain it");
        }
    }

    /** The config's key=value lines, the validation bookkeeping and the augmentation; older readers ignore the extra keys. */
    private static String stateText(TrainingState state) {
        StringBuilder text = new StringBuilder(state.config().toText());
        text.append(VALIDATION_SIZE).append('=').append(state.validationSize()).append('\n');
        if (!Double.isNaN(state.bestValidationAccuracy())) {
            text.append(BEST_VALIDATION).append('=').append(state.bestValidationAccuracy()).append('\n');
        }
        if (state.imageShift() > 0) {
            text.append(IMAGE_SHIFT).append('=').append(state.imageShift()).append('\n');
        }
        return text.toString();
    }

    private static Properties properties(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalArgumentException("training state text is unreadable: " + e.getMessage(), e);
        }
        return p;
    }

    /**
     * Optimizer state comes as whole sets of one tensor per parameter, each of its parameter's
     * shape ({@link dev.scratchnet.optim.Optimizer#state()}); anything else would fail deep
     * inside a resume.
     */
    private static void checkOptimizerShapes(List<Tensor> tensors, Network network, String source)
            throws ModelFormatException {
        int parameters = network.parameters().size();
        if (parameters == 0 ? !tensors.isEmpty() : tensors.size() % parameters != 0) {
            throw new ModelFormatException(source + " holds " + tensors.size() + " optimizer state tensors for "
                    + parameters + " parameters; it is damaged, retrain it");
        }
        for (int i = 0; i < tensors.size(); i++) {
            Tensor p = network.parameters().get(i % parameters).value();
            Tensor t = tensors.get(i);
            if (t.rows() != p.rows() || t.cols() != p.cols()) {
                throw new ModelFormatException(source + " holds optimizer state of shape " + t.rows() + "×" + t.cols()
                        + " for " + network.parameters().get(i % parameters).name() + ", which is " + p.rows() + "×"
                        + p.cols() + "; it is damaged or was edited, retrain it");
            }
        }
    }

    /**
     * Reads the input shape and the layers, making each one with the codec of its kind. Every size
     * the file declares is checked against the bytes left before the layer is made, and the layer's
     * parameters must then have the declared shapes.
     */
    private static void readLayers(ByteBuffer in, Network.Builder builder, String source) throws ModelFormatException {
        Shape shape = new Shape(width(in.getInt(), "input channels", source), width(in.getInt(), "input height", source),
                width(in.getInt(), "input width", source));
        width(shape.size(), "input size", source);
        builder.input(shape);
        int layerCount = layerCount(in.getInt(), source);
        long declaredFloats = 0;
        for (int l = 0; l < layerCount; l++) {
            String kind = readString(in, source);
            int configLength = in.getInt();
            if (configLength < 0 || configLength > MAX_CONFIG_BYTES || configLength > in.remaining()) {
                throw new ModelFormatException(source + " has a " + configLength + "-byte configuration for layer " + l
                        + " (" + kind + "); it is damaged, retrain it");
            }
            byte[] config = new byte[configLength];
            in.get(config);
            int parameterCount = in.getInt();
            if (parameterCount < 0 || parameterCount > MAX_PARAMETERS_PER_LAYER) {
                throw new ModelFormatException(source + " claims " + parameterCount + " parameters for layer " + l
                        + " (" + kind + "); it is damaged, retrain it");
            }
            int[][] declared = new int[parameterCount][];
            for (int p = 0; p < parameterCount; p++) {
                declared[p] = new int[] {width(in.getInt(), "parameter rows", source),
                        width(in.getInt(), "parameter columns", source)};
                declaredFloats += (long) declared[p][0] * declared[p][1];
            }
            if (declaredFloats * 4 > in.remaining()) {
                throw new ModelFormatException(source + " ends before the model it describes is complete; "
                        + "it is damaged, retrain it");
            }
            Layer layer = readLayer(kind, config, builder.currentShape(), l, source);
            checkParameters(layer, declared, l, source);
            builder.add(layer);
            width(layer.outputSize(), "layer " + l + " output size", source);
        }
    }

    private static Layer readLayer(String kind, byte[] config, Shape inputShape, int index, String source)
            throws ModelFormatException {
        LayerCodec codec;
        try {
            codec = LayerCodecs.forKind(kind);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + " has layer " + index + " of kind '" + kind + "', which this "
                    + "program does not know (it knows " + String.join(", ", LayerCodecs.kinds()) + "); register that "
                    + "layer's LayerCodec with LayerCodecs.register, or put the jar that defines it on the class path");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(config));
            Layer layer = codec.read(inputShape, index, in);
            if (in.available() > 0) {
                throw new ModelFormatException(source + " has " + in.available() + " configuration bytes for layer "
                        + index + " (" + kind + ") that its codec did not read; it is damaged, retrain it");
            }
            return layer;
        } catch (IOException e) { // only an EOFException or a malformed name: the bytes are short or garbled
            throw new ModelFormatException(source + " has a damaged configuration for layer " + index + " (" + kind
                    + "): " + e.getMessage() + "; retrain it");
        } catch (OutOfMemoryError e) {
            // A configuration that disagrees with the declared parameter shapes can ask for a layer far
            // larger than the file; that one array request fails at once and leaves the heap as it was.
            throw new ModelFormatException(source + " describes layer " + index + " (" + kind + ") too large to "
                    + "make; it is damaged, retrain it");
        }
    }

    private static void checkParameters(Layer layer, int[][] declared, int index, String source)
            throws ModelFormatException {
        List<Parameter> parameters = layer.parameters();
        boolean same = parameters.size() == declared.length;
        for (int p = 0; same && p < declared.length; p++) {
            same = parameters.get(p).value().rows() == declared[p][0] && parameters.get(p).value().cols() == declared[p][1];
        }
        if (!same) {
            StringBuilder expected = new StringBuilder();
            for (int[] d : declared) {
                expected.append(expected.length() > 0 ? ", " : "").append(d[0]).append('×').append(d[1]);
            }
            StringBuilder made = new StringBuilder();
            for (Parameter p : parameters) {
                made.append(made.length() > 0 ? ", " : "").append(p.value().shape());
            }
            throw new ModelFormatException(source + " declares parameters [" + expected + "] for layer " + index + " ("
                    + layer.describe() + "), but its configuration makes [" + made + "]; it is damaged, retrain it");
        }
    }

    /** Version 1: a flat input size and the two layer kinds the format then knew. */
    private static void readLayersVersion1(ByteBuffer in, Network.Builder builder, String source)
            throws ModelFormatException {
        int inputSize = width(in.getInt(), "input size", source);
        builder.input(inputSize);
        int layerCount = layerCount(in.getInt(), source);
        long weightFloats = 0;
        int width = inputSize;
        for (int l = 0; l < layerCount; l++) {
            int kind = in.get();
            if (kind == V1_KIND_DENSE) {
                int units = width(in.getInt(), "layer width", source);
                weightFloats += (long) width * units + units;
                if (weightFloats * 4 > in.remaining()) {
                    throw new ModelFormatException(source + " ends before the model it describes is complete; "
                            + "it is damaged, retrain it");
                }
                builder.dense(units, Activation.parse(readString(in, source)));
                width = units;
            } else if (kind == V1_KIND_DROPOUT) {
                builder.dropout(in.getFloat());
            } else {
                throw new ModelFormatException(source + " has an unknown layer kind " + kind + "; it is damaged, retrain it");
            }
        }
    }

    private static int layerCount(int count, String source) throws ModelFormatException {
        if (count < 1 || count > 1000) {
            throw new ModelFormatException(source + " claims " + count + " layers; it is damaged, retrain it");
        }
        return count;
    }

    private static int width(int value, String what, String source) throws ModelFormatException {
        if (value < 1 || value > MAX_WIDTH) {
            throw new ModelFormatException(source + " has " + what + " " + value + "; it is damaged, retrain it");
        }
        return value;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(ByteBuffer in, String source) throws ModelFormatException {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new ModelFormatException(source + " has a text field of " + length + " bytes; it is damaged, retrain it");
        }
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4);
        buffer.asFloatBuffer().put(values);
        out.write(buffer.array());
    }

    private static void readFloats(ByteBuffer in, float[] into, String source, String what) throws ModelFormatException {
        in.asFloatBuffer().get(into);
        in.position(in.position() + into.length * 4);
        for (float v : into) {
            if (!Float.isFinite(v)) {
                throw new ModelFormatException(source + " holds non-finite values (NaN or infinity) in " + what
                        + "; the run that saved it had diverged, retrain with a smaller learning rate");
            }
        }
    }
}
