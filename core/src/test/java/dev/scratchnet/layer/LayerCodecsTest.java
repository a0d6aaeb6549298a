package dev.scratchnet.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class LayerCodecsTest {
    @Test
    void builtInLayersAreAlwaysKnown() {
        assertSame(Dense.CODEC, LayerCodecs.forKind("dense"));
        assertSame(Dropout.CODEC, LayerCodecs.forKind("dropout"));
    }

    @Test
    void aCodecListedAsAServiceIsFound() {
        assertTrue(LayerCodecs.kinds().contains("test-negate"), LayerCodecs.kinds().toString());
        assertEquals(Negate.Codec.class, LayerCodecs.forKind("test-negate").getClass());
    }

    @Test
    void anUnknownKindIsNamedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerCodecs.forKind("swirl"));
        assertTrue(e.getMessage().contains("'swirl'") && e.getMessage().contains("dense, dropout"), e.getMessage());
    }

    @Test
    void registeringTheSameCodecTwiceIsHarmlessButAnotherCodecCannotTakeAKind() {
        LayerCodecs.register(Dense.CODEC);
        LayerCodec impostor = new LayerCodec() {
            @Override
            public String kind() {
                return "dense";
            }

            @Override
            public Layer read(Shape inputShape, int index, DataInput config) {
                throw new AssertionError("never read");
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerCodecs.register(impostor));
        assertTrue(e.getMessage().contains("already read by"), e.getMessage());
        assertSame(Dense.CODEC, LayerCodecs.forKind("dense"));
    }

    @Test
    void eachBuiltInLayerReadsBackWhatItWrote() throws IOException {
        Shape image = new Shape(2, 3, 3);
        for (Layer layer : new Layer[] {new Dense(image, 7, Activation.LEAKY_RELU, "dense4"), new Dropout(image, 0.3f)}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            layer.writeConfig(new DataOutputStream(bytes));
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
            Layer read = LayerCodecs.forKind(layer.kind()).read(image, 4, in);
            assertEquals(0, in.available(), layer.kind() + " left configuration unread");
            assertEquals(layer.describe(), read.describe());
            assertEquals(layer.inputShape(), read.inputShape());
            assertEquals(layer.outputShape(), read.outputShape());
            assertEquals(layer.parameterCount(), read.parameterCount());
        }
    }
}
