package dev.scratchnet.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Where a measurement ran: printed next to every result, because numbers from another machine or load differ. */
final class Machine {
    private Machine() {
    }

    /** @return for example {@code 2026-11-25T14:10Z, JDK 25+36 (Eclipse Adoptium), Intel Xeon …, 2 cores} */
    static String describe() {
        return ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT))
                + ", JDK " + Runtime.version() + " (" + System.getProperty("java.vm.vendor", "?") + ")"
                + ", " + cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    /** @return the 1-minute load average as {@code uptime} prints it, or "n/a" */
    static String load() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
    }

    /**
     * @return the CPU model and its widest vector extension from /proc/cpuinfo (the Vector API's
     *         speed depends on it), or the architecture where that file is absent
     */
    static String cpu() {
        String model = null;
        String vectors = null;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (model == null && line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                } else if (vectors == null && line.startsWith("flags")) {
                    String flags = " " + line.substring(line.indexOf(':') + 1) + " ";
                    vectors = flags.contains(" avx512f ") ? "AVX-512" : flags.contains(" avx2 ") ? "AVX2"
                            : flags.contains(" sse4_2 ") ? "SSE4.2" : null;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall back below
        }
        if (model == null) {
            return System.getProperty("os.arch", "unknown CPU");
        }
        return vectors == null ? model : model + " (" + vectors + ")";
    }
}
