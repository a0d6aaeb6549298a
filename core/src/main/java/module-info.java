/**
 * Scratchnet core: tensors, the backend interface with its scalar reference, layers, losses,
 * optimizers, training, data sets and model files. Start reading at {@link dev.scratchnet}.
 *
 * <p>Other backends (the {@code simd} module) and layers written outside the library plug in as
 * services, which is why this module {@code uses} {@link dev.scratchnet.backend.BackendProvider} and
 * {@link dev.scratchnet.layer.LayerCodec}. Pictures for image-folder data sets are decoded with
 * {@code javax.imageio}, hence {@code java.desktop}.
 */
module dev.scratchnet.core {
    requires org.slf4j;
    requires java.desktop;

    exports dev.scratchnet;
    exports dev.scratchnet.backend;
    exports dev.scratchnet.data;
    exports dev.scratchnet.io;
    exports dev.scratchnet.layer;
    exports dev.scratchnet.loss;
    exports dev.scratchnet.model;
    exports dev.scratchnet.optim;
    exports dev.scratchnet.tensor;

    uses dev.scratchnet.backend.BackendProvider;
    uses dev.scratchnet.layer.LayerCodec;
}
