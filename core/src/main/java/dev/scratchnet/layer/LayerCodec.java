package dev.scratchnet.layer;

import java.io.DataInput;
import java.io.IOException;

/**
 * Reads one kind of layer back from a model file. The file stores each layer as its
 * {@link Layer#kind() kind}, the bytes its {@link Layer#writeConfig} wrote, and then its
 * parameters; the codec registered for that kind (see {@link LayerCodecs}) turns the configuration
 * back into a layer with zero parameters, and the model reader fills them in.
 */
public interface LayerCodec {
    /** @return the kind this codec reads, equal to {@link Layer#kind()} of the layers it makes */
    String kind();

    /**
     * Makes a layer from its saved configuration.
     *
     * @param inputShape the shape the layer receives (the previous layer's output)
     * @param index the layer's position in the network, 0 first, for naming its parameters
     * @param config the bytes {@link Layer#writeConfig} wrote, and nothing else
     * @return the layer, with parameters of the right shapes (their values are then overwritten)
     * @throws IOException if the configuration is short or invalid (throw IllegalArgumentException for a bad value)
     */
    Layer read(Shape inputShape, int index, DataInput config) throws IOException;
}
