package dev.scratchnet.simd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where warm code still allocates, for the message of a failed allocation test. A byte count alone
 * says nothing about which vector was boxed, and the failure may only happen on a CI machine that no
 * one can log in to; JFR's allocation samples name the line. The first frame in Scratchnet's own code
 * is reported, since the allocating frame itself is inside the Vector API.
 */
final class AllocationSites {
    private static final String EVENT = "jdk.ObjectAllocationSample";
    private static final int SHOWN = 4;

    private AllocationSites() {
    }

    /**
     * Runs the calls once more under a JFR recording of allocation samples.
     *
     * @param calls the code that was expected not to allocate
     * @return the vector width and Java version, then the most sampled lines, such as
     *     {@code "at 512 bits, Java 17, sampled at OptimizerSteps.momentumRange:130 ×812"}, or why there are none
     */
    static String of(Runnable calls) {
        return "at " + Lanes.SPECIES.vectorBitSize() + " bits, Java " + Runtime.version().feature() + ", "
                + sampled(calls);
    }

    private static String sampled(Runnable calls) {
        Path file = null;
        try (Recording recording = new Recording()) {
            recording.enable(EVENT).withStackTrace().with("throttle", "10000/s");
            recording.start();
            calls.run();
            recording.stop();
            file = Files.createTempFile("allocation-sites", ".jfr");
            recording.dump(file);
            return describe(RecordingFile.readAllEvents(file));
        } catch (IOException | RuntimeException e) {
            return "no allocation sites (JFR failed: " + e + ")";
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind does not change the test's result
                }
            }
        }
    }

    private static String describe(List<RecordedEvent> events) {
        Map<String, Integer> counts = new TreeMap<>();
        for (RecordedEvent event : events) {
            if (event.getEventType().getName().equals(EVENT) && event.getStackTrace() != null) {
                counts.merge(firstOwnFrame(event.getStackTrace().getFrames()), 1, Integer::sum);
            }
        }
        if (counts.isEmpty()) {
            return "no allocation samples";
        }
        return "sampled at " + counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(SHOWN)
                .map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String firstOwnFrame(List<RecordedFrame> frames) {
        RecordedFrame chosen = frames.isEmpty() ? null : frames.get(0);
        for (RecordedFrame frame : frames) {
            if (frame.getMethod().getType().getName().startsWith("dev.scratchnet.")) {
                chosen = frame;
                break;
            }
        }
        if (chosen == null) {
            return "?";
        }
        String type = chosen.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + chosen.getMethod().getName() + ":"
                + chosen.getLineNumber();
    }
}
