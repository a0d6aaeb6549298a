package dev.scratchnet.simd;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/**
 * How long the allocation tests wait for the JIT. Vector code allocates until C2 has compiled it,
 * and C2 compiles in the background: on a quiet machine within a second, behind a queue of other
 * methods on a loaded one much later (a CI run failed after 0.6 s of warm-up, and a run beside three
 * other builds still allocated after 40 epochs). So the tests repeat their work until one round
 * allocates nothing and fail only when that never happens within this limit, which is what a vector
 * that C2 could not keep in registers (boxed on every call) looks like.
 */
final class JitPatience {
    /** The longest a test repeats its work waiting for one round without allocation. */
    static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(120);
    /** Slack for the allocation counter itself; one small tensor would be well above it. */
    static final long SLACK_BYTES = 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private JitPatience() {
    }

    /**
     * The bytes this thread has allocated so far.
     *
     * @return a running total; subtract two readings for what happened between them
     */
    static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * When the waiting ends, as a {@link System#nanoTime()} value.
     *
     * @return now plus {@link #LIMIT_NANOS}
     */
    static long deadline() {
        return System.nanoTime() + LIMIT_NANOS;
    }

    /**
     * Whether a deadline from {@link #deadline()} has passed.
     *
     * @param deadline the deadline
     * @return true once it is over
     */
    static boolean over(long deadline) {
        return System.nanoTime() - deadline > 0;
    }
}
