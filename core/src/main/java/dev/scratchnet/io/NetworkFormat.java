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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * [state]      string config (key=value lines), int32 epochsCompleted, int64 optimizerSteps,
 *              int32 tensorCount, per tensor int32 rows, int32 cols, float32 × rows·cols
 * crc32        int32    CRC-32 of every byte before it
 * </pre>
 *
 * Writes are atomic ({@link AtomicFiles}); reads check the magic, the version and the checksum
 * before they trust any size, and reject weights that are not finite.
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
                writeString(out, stateOrNull.config().toText());
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
     * Loads a model file.
     *
     * @param file the file
     * @param backend the kernels the loaded network will run on
     * @return the network, its normalization and any training state
     * @throws ModelFormatException if the file is not a Scratchnet model, is of another version, or is damaged
     * @throws IOException if the file cannot be read
     */
    public static SavedModel load(Path file, Backend backend) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new java.io.FileNotFoundException("model file " + file + " does not exist; check the path, or train "
                    + "one with: scratchnet train --save " + file);
        }
        if (size > MAX_FILE_BYTES) {
            throw new ModelFormatException(file + " is " + size + " bytes, too large to be a Scratchnet model");
        }
        return fromBytes(Files.readAllBytes(file), file.toString(), backend);
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
        if (content.length < MAGIC.length + 8 || !Arrays.equals(content, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new ModelFormatException(source + " is not a Scratchnet model file (no SCRNET header); "
                    + "pass a file written by 'scratchnet train --save'");
        }
        ByteBuffer in = ByteBuffer.wrap(content);
        in.position(MAGIC.length);
        int version = in.getInt();
        if (version != VERSION) {
            throw new ModelFormatException(source + " is a Scratchnet model of format version " + version
                    + ", but this build reads version " + VERSION + "; retrain it or use the matching Scratchnet");
        }
        CRC32 crc = new CRC32();
        crc.update(content, 0, content.length - 4);
        int stored = ByteBuffer.wrap(content, content.length - 4, 4).getInt();
        if ((int) crc.getValue() != stored) {
            throw new ModelFormatException(source + " is damaged (checksum mismatch: truncated or corrupted); "
                    + "restore it from a copy or retrain it");
        }
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
            TrainingConfig config = TrainingConfig.fromText(readString(in, source));
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
            state = new TrainingState(config, epochs, steps, tensors);
        }
        return new SavedModel(network, normalization, state);
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
