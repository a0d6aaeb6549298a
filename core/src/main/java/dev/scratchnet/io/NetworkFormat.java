package dev.scratchnet.io;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.Backend;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.layer.Dense;
import dev.scratchnet.layer.Dropout;
import dev.scratchnet.layer.Layer;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.model.TrainingState;
import dev.scratchnet.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.io.StringReader;
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
import java.util.Properties;
import java.util.zip.CRC32;

/**
 * The model file: a versioned binary format with a magic header and a checksum. No Java
 * serialization, so a file can only ever produce a network, never run code. All numbers are
 * big-endian; strings are a 32-bit byte length followed by UTF-8.
 *
 * <pre>
 * magic        8 bytes  "SCRNET" 0x0D 0x0A   (the line ending catches text-mode transfers)
 * version      int32    1
 * flags        int32    bit 0: a training state follows the weights
 * inputSize    int32
 * layerCount   int32
 * per layer    int8 kind: 1 = dense, then int32 units and string activation
 *                         2 = dropout, then float32 rate
 * loss         string   cross-entropy | quadratic
 * normalization float32 scale, float32 offset    (input = raw pixel · scale + offset)
 * per dense    float32 × (in · out) weights, row-major; float32 × out bias
 * [state]      string config (key=value lines: the {@link TrainingConfig} plus validationSize and
 *                     bestValidationAccuracy, which older files lack), int32 epochsCompleted,
 *              int64 optimizerSteps, int32 tensorCount, per tensor int32 rows, int32 cols, float32 × rows·cols
 * crc32        int32    CRC-32 of every byte before it
 * </pre>
 *
 * Writes are atomic ({@link AtomicFiles}); reads check the magic, the version and the checksum
 * before they trust any size, and reject weights that are not finite. {@link #load} reads the
 * header before anything else and checks the checksum while streaming, so a large file that is not
 * a model, or is damaged, is refused without being read into memory.
 */
public final class NetworkFormat {
    /** The current format version. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = {'S', 'C', 'R', 'N', 'E', 'T', 0x0D, 0x0A};
    private static final int KIND_DENSE = 1;
    private static final int KIND_DROPOUT = 2;
    /** No real model comes near this; a larger claim means damage, so refuse before allocating. */
    private static final int MAX_WIDTH = 1 << 24;
    private static final long MAX_FILE_BYTES = 1L << 31;
    /** Magic and version: enough to tell a model of this version from anything else. */
    private static final int HEADER_BYTES = MAGIC.length + 4;
    /** The run's validation bookkeeping, stored as extra lines of the state's config text. */
    private static final String VALIDATION_SIZE = "validationSize";
    private static final String BEST_VALIDATION = "bestValidationAccuracy";

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
        AtomicFiles.write(file, toBytes(network, normalization, stateOrNull));
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
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(stateOrNull == null ? 0 : 1);
            out.writeInt(network.inputSize());
            out.writeInt(network.layers().size());
            for (Layer layer : network.layers()) {
                if (layer instanceof Dense d) {
                    out.writeByte(KIND_DENSE);
                    out.writeInt(d.outputSize());
                    writeString(out, d.activation().cliName());
                } else if (layer instanceof Dropout d) {
                    out.writeByte(KIND_DROPOUT);
                    out.writeFloat(d.rate());
                } else {
                    throw new IllegalArgumentException("cannot save layer " + layer);
                }
            }
            writeString(out, network.loss().kind().cliName());
            out.writeFloat(normalization.scale());
            out.writeFloat(normalization.offset());
            for (Layer layer : network.layers()) {
                if (layer instanceof Dense d) {
                    writeFloats(out, d.weights().value().data());
                    writeFloats(out, d.bias().value().data());
                }
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
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a ByteArrayOutputStream does not fail
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
            throw new java.io.FileNotFoundException("model file " + file + " does not exist; check the path, or train "
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
    private static void checkHeader(ByteBuffer first, long length, String source) throws ModelFormatException {
        byte[] magic = new byte[MAGIC.length];
        if (length < MAGIC.length + 8 || first.remaining() < HEADER_BYTES) {
            throw notAModel(source);
        }
        first.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw notAModel(source);
        }
        int version = first.getInt();
        if (version != VERSION) {
            throw new ModelFormatException(source + " is a Scratchnet model of format version " + version
                    + ", but this build reads version " + VERSION + "; retrain it or use the matching Scratchnet");
        }
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
        checkHeader(ByteBuffer.wrap(content, 0, Math.min(content.length, HEADER_BYTES)), content.length, source);
        ByteBuffer in = ByteBuffer.wrap(content);
        in.position(HEADER_BYTES);
        CRC32 crc = new CRC32();
        crc.update(content, 0, content.length - 4);
        checkChecksum(crc, ByteBuffer.wrap(content, content.length - 4, 4).getInt(), source);
        try {
            SavedModel model = parse(in.limit(content.length - 4), source, backend);
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

    private static SavedModel parse(ByteBuffer in, String source, Backend backend) throws ModelFormatException {
        int flags = in.getInt();
        int inputSize = width(in.getInt(), "input size", source);
        int layerCount = in.getInt();
        if (layerCount < 1 || layerCount > 1000) {
            throw new ModelFormatException(source + " claims " + layerCount + " layers; it is damaged, retrain it");
        }
        Network.Builder builder = Network.builder().input(inputSize).backend(backend);
        long weightFloats = 0;
        int width = inputSize;
        for (int l = 0; l < layerCount; l++) {
            int kind = in.get();
            if (kind == KIND_DENSE) {
                int units = width(in.getInt(), "layer width", source);
                builder.dense(units, Activation.parse(readString(in, source)));
                weightFloats += (long) width * units + units;
                width = units;
            } else if (kind == KIND_DROPOUT) {
                builder.dropout(in.getFloat());
            } else {
                throw new ModelFormatException(source + " has an unknown layer kind " + kind + "; it is damaged, retrain it");
            }
        }
        builder.loss(LossKind.parse(readString(in, source)));
        Normalization normalization = new Normalization(in.getFloat(), in.getFloat());
        if (weightFloats * 4 > in.remaining()) {
            throw new ModelFormatException(source + " ends before the model it describes is complete; "
                    + "it is damaged, retrain it");
        }
        Network network = builder.build();
        for (Layer layer : network.layers()) {
            if (layer instanceof Dense d) {
                readFloats(in, d.weights().value().data(), source, d.weights().name());
                readFloats(in, d.bias().value().data(), source, d.bias().name());
            }
        }
        TrainingState state = null;
        if ((flags & 1) != 0) {
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
                    Double.parseDouble(extra.getProperty(BEST_VALIDATION, "NaN")));
        }
        return new SavedModel(network, normalization, state);
    }

    /** The config's key=value lines and the validation bookkeeping; older readers ignore the extra keys. */
    private static String stateText(TrainingState state) {
        StringBuilder text = new StringBuilder(state.config().toText());
        text.append(VALIDATION_SIZE).append('=').append(state.validationSize()).append('\n');
        if (!Double.isNaN(state.bestValidationAccuracy())) {
            text.append(BEST_VALIDATION).append('=').append(state.bestValidationAccuracy()).append('\n');
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
