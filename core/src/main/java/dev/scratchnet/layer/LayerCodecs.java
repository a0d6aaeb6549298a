package dev.scratchnet.layer;

import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layer kinds a model file may contain, by name. The built-in layers are always known; a layer
 * written outside the library becomes loadable by {@link #register registering} its codec, or by
 * listing it as a {@link ServiceLoader} provider of {@link LayerCodec} in
 * {@code META-INF/services/dev.scratchnet.layer.LayerCodec} of its jar. Thread-safe.
 */
public final class LayerCodecs {
    private static final Logger LOG = LoggerFactory.getLogger(LayerCodecs.class);
    private static final Map<String, LayerCodec> CODECS = new ConcurrentHashMap<>();

    static {
        register(Dense.CODEC);
        register(Dropout.CODEC);
        register(Conv2d.CODEC);
        register(MaxPool2d.CODEC);
        registerServices();
    }

    private LayerCodecs() {
    }

    /**
     * Registers the codecs listed as services. A broken or clashing provider is logged and skipped:
     * it must not stop the built-in layers from loading.
     */
    private static void registerServices() {
        Iterator<LayerCodec> providers = ServiceLoader.load(LayerCodec.class, LayerCodecs.class.getClassLoader()).iterator();
        // Recovery after a broken entry is best effort, so a bounded number of tries.
        for (int tries = 0; tries < 1000; tries++) {
            try {
                if (!providers.hasNext()) {
                    return;
                }
                register(providers.next());
            } catch (ServiceConfigurationError | IllegalArgumentException e) {
                LOG.warn("skipped a layer codec service: {}", e.getMessage());
            }
        }
    }

    /**
     * Makes a kind of layer loadable. Registering the same codec class again is harmless.
     *
     * @param codec the codec
     * @throws IllegalArgumentException if another codec class already reads that kind
     */
    public static void register(LayerCodec codec) {
        String kind = codec.kind();
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("a layer codec needs a non-blank kind, " + codec.getClass().getName()
                    + " has '" + kind + "'");
        }
        LayerCodec existing = CODECS.putIfAbsent(kind, codec);
        if (existing != null && existing.getClass() != codec.getClass()) {
            throw new IllegalArgumentException("layer kind '" + kind + "' is already read by "
                    + existing.getClass().getName() + "; give " + codec.getClass().getName() + " another kind");
        }
    }

    /**
     * @param kind a layer kind, as {@link Layer#kind()} names it
     * @return its codec
     * @throws IllegalArgumentException naming the kind and the known kinds, if none is registered
     */
    public static LayerCodec forKind(String kind) {
        LayerCodec codec = CODECS.get(kind);
        if (codec == null) {
            throw new IllegalArgumentException("unknown layer kind '" + kind + "' (known: " + String.join(", ", kinds())
                    + "); register its LayerCodec with LayerCodecs.register before loading");
        }
        return codec;
    }

    /** @return the registered kinds, sorted */
    public static Set<String> kinds() {
        return new TreeSet<>(CODECS.keySet());
    }
}
