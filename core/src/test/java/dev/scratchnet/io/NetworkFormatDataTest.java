package dev.scratchnet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.ScalarBackend;
import dev.scratchnet.data.DatasetInfo;
import dev.scratchnet.data.ImageGeometry;
import dev.scratchnet.data.Normalization;
import dev.scratchnet.data.Preprocessing;
import dev.scratchnet.data.Standardization;
import dev.scratchnet.model.Network;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The model file's optional data description: class names, input geometry and preprocessing. */
class NetworkFormatDataTest {
    private static final DatasetInfo IRIS = new DatasetInfo("iris", List.of("setosa", "versicolor", "virginica"), 4,
            null, new Preprocessing(1f, new Standardization(new float[] {5.8f, 3.1f, 3.8f, 1.2f},
                    new float[] {0.8f, 0.4f, 1.8f, 0.8f})));

    private static Network network(int inputs, int classes) {
        return Network.builder().input(inputs).dense(5, Activation.RELU).dense(classes, Activation.IDENTITY).seed(3).build();
    }

    @Test
    void theDataDescriptionComesBackAsItWasSaved() throws Exception {
        byte[] bytes = NetworkFormat.toBytes(network(4, 3), new Normalization(1f, 0f), null, IRIS);
        SavedModel loaded = NetworkFormat.fromBytes(bytes, "iris.snet", new ScalarBackend());
        assertEquals(IRIS, loaded.dataInfo());
        assertArrayEquals(IRIS.preprocessing().standardization().mean(),
                loaded.dataInfo().preprocessing().standardization().mean());
    }

    @Test
    void imageGeometryAndClassNamesSurviveACheckpoint() throws Exception {
        DatasetInfo pets = new DatasetInfo("pets", List.of("cat", "dog"), 3 * 4 * 5, new ImageGeometry(3, 4, 5),
                Preprocessing.PIXELS);
        Network net = network(60, 2);
        byte[] bytes = NetworkFormat.toBytes(net, Normalization.UNIT, null, pets);
        assertEquals(pets, NetworkFormat.fromBytes(bytes, "pets.snet", new ScalarBackend()).dataInfo());
    }

    @Test
    void aModelWithoutADescriptionAndAVersion2FileLoadWithout() throws Exception {
        byte[] bytes = NetworkFormat.toBytes(network(4, 3), Normalization.UNIT, null);
        assertNull(NetworkFormat.fromBytes(bytes, "m.snet", new ScalarBackend()).dataInfo());
        ByteBuffer.wrap(bytes).putInt(8, 2);
        fixChecksum(bytes);
        SavedModel v2 = NetworkFormat.fromBytes(bytes, "v2.snet", new ScalarBackend());
        assertNull(v2.dataInfo());
        assertEquals(Normalization.UNIT, v2.normalization());
    }

    @Test
    void aDamagedDescriptionGetsTheModelFileSentence() throws Exception {
        byte[] bytes = NetworkFormat.toBytes(network(4, 3), Normalization.UNIT, null, IRIS);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        IRIS.writeTo(new DataOutputStream(info));
        int start = bytes.length - 4 - info.size();
        int classCount = start + 1 + 2 + "iris".length(); // version byte, then the name as writeUTF
        ByteBuffer.wrap(bytes).putInt(classCount, 1);
        fixChecksum(bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> NetworkFormat.fromBytes(bytes, "iris.snet", new ScalarBackend()));
        assertTrue(e.getMessage().startsWith("iris.snet has a damaged data description ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("; it is damaged, retrain it"), e.getMessage());
    }

    @Test
    void aDescriptionThatEndsEarlyIsDamaged() throws Exception {
        byte[] full = NetworkFormat.toBytes(network(4, 3), Normalization.UNIT, null, IRIS);
        byte[] bytes = new byte[full.length - 8];
        System.arraycopy(full, 0, bytes, 0, bytes.length - 4);
        fixChecksum(bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> NetworkFormat.fromBytes(bytes, "iris.snet", new ScalarBackend()));
        assertTrue(e.getMessage().startsWith("iris.snet has a damaged data description"), e.getMessage());
    }

    @Test
    void aDescriptionThatDoesNotFitTheNetworkIsRefusedWhenSaving() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkFormat.toBytes(network(4, 2), Normalization.UNIT, null, IRIS));
        assertTrue(e.getMessage().contains("the data has 4 inputs and 3 classes but the network takes 4 and gives 2"),
                e.getMessage());
    }

    private static void fixChecksum(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    }
}
