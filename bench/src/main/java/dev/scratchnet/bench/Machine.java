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
        return ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT))
                + ", JDK " + Runtime.version() + " (" + System.getProperty("java.vm.vendor", "?") + ")"
                + ", " + cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    /** @return the 1-minute load average as {@code uptime} prints it, or "n/a" */
    static String load() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
    }

    /** @return the CPU model from /proc/cpuinfo, or the architecture where that file is absent */
    static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall back below
        }
        return System.getProperty("os.arch", "unknown CPU");
    }
}
