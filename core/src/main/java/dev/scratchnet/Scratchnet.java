package dev.scratchnet;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Facts about this build of Scratchnet, and the system properties it reads. */
public final class Scratchnet {
    /** The prefix of every system property Scratchnet reads, as in {@code scratchnet.backend}. */
    public static final String PROPERTY_PREFIX = "scratchnet.";
    /** The prefix the same properties had before, still read with a deprecation warning. */
    static final String OLD_PROPERTY_PREFIX = "nn.";

    private static final Logger LOG = LoggerFactory.getLogger(Scratchnet.class);
    /** The old names already warned about, so a property read on every call warns once. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private Scratchnet() {
    }

    /** @return the version of the core library, for example {@code 0.1.0-SNAPSHOT}, or "unknown" */
    public static String version() {
        try (InputStream in = Scratchnet.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Reads one of Scratchnet's system properties. When it is unset but the same property is set under
     * its old {@code nn.} name (for example {@code nn.backend} for {@code scratchnet.backend}), that value
     * is used, with a one-line deprecation warning the first time.
     *
     * @param name the property's name, starting with {@value #PROPERTY_PREFIX}
     * @return the value, or null when neither name is set
     */
    public static String property(String name) {
        return property(name, System::getProperty, warning -> {
            if (WARNED.add(name)) {
                LOG.warn(warning);
            }
        });
    }

    static String property(String name, UnaryOperator<String> properties, Consumer<String> warnings) {
        if (!name.startsWith(PROPERTY_PREFIX)) {
            throw new IllegalArgumentException("a Scratchnet property starts with " + PROPERTY_PREFIX + ", got " + name);
        }
        String value = properties.apply(name);
        if (value != null) {
            return value;
        }
        String oldName = OLD_PROPERTY_PREFIX + name.substring(PROPERTY_PREFIX.length());
        String oldValue = properties.apply(oldName);
        if (oldValue != null) {
            warnings.accept("the system property " + oldName + " is deprecated; use " + name + " instead");
        }
        return oldValue;
    }
}
