package dev.scratchnet;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts about this build of Scratchnet. */
public final class Scratchnet {
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
}
