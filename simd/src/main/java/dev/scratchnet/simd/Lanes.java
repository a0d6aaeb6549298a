package dev.scratchnet.simd;

import dev.scratchnet.Scratchnet;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Chooses the vector width once per JVM: the CPU's preferred width, or the one the system property
 * {@value #BITS_PROPERTY} pins (128, 256 or 512) to test the narrower code paths on a wide CPU (the old
 * name {@code nn.simd.bits} still works, with a deprecation warning).
 *
 * <p>Every kernel class copies {@link #SPECIES} into its own {@code static final} field. It must be a
 * constant: the JIT then knows the lane count and emits plain vector instructions; a species read from a
 * non-final field or passed as a parameter made the matrix product many times slower (docs/benchmarks.md).
 *
 * <p>A bad value does not throw here (that would break class initialisation for good). Instead
 * {@link #PROBLEM} holds one sentence saying what is wrong and how to fix it, the provider reports the
 * backend as unavailable with that sentence, and {@link VectorBackend}'s constructor refuses to run.
 *
 * <p>It also reduces a vector's lanes to one number in a fixed order ({@link #sum}, {@link #max}). The
 * Vector API's {@code reduceLanes} leaves the order open: its Java fallback adds lane after lane,
 * while compiled code may add in a tree, so a sum could round differently before and after the JIT.
 */
final class Lanes {
    /** System property that pins the vector width in bits. */
    static final String BITS_PROPERTY = "scratchnet.simd.bits";

    private static final Choice CHOICE =
            choose(Scratchnet.property(BITS_PROPERTY), FloatVector.SPECIES_PREFERRED.vectorBitSize());

    /** The species all kernels use. */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED.withShape(
            VectorShape.forBitSize(CHOICE.bits()));

    /**
     * Half of {@link #SPECIES} (the same at 128 bits, the narrowest width worth a vector): for a run shorter
     * than one full vector, such as the 8-wide rows of the course CNN's second layer under 16 lanes, which
     * would otherwise go element by element.
     */
    static final VectorSpecies<Float> HALF = CHOICE.bits() > 128
            ? FloatVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(CHOICE.bits() / 2)) : SPECIES;

    /**
     * Whether C2 compiles a store of a {@link #HALF} vector when {@link #SPECIES} is wider: from JDK 21 on. JDK 17's
     * C2 failed to ("VectorSupport::store failed to inline (intrinsic)" with -XX:+PrintInlining), so every such store
     * went through the Java fallback, slower than moving the floats one by one (docs/benchmarks.md).
     */
    static final boolean HALF_STORES_COMPILE = Runtime.version().feature() >= 21;

    /** Why the configured width cannot be used, or null when it can. */
    static final String PROBLEM = CHOICE.problem();

    /**
     * −0 in every lane, for {@code TYPED_ZERO.add(sum)} before a loop's running sum is stored: x + (−0) is
     * x bit for bit, and the result's class is known exactly. After a loop the JIT knows a running sum only
     * as a {@code FloatVector}, so the store inside {@code intoArray} is compiled by the program-wide guess
     * of its class; where half-width rows are moved too (the CNN's second layer) that guess is a coin toss,
     * and a wrong one boxes every store and halves the speed of the whole run (docs/benchmarks.md). For
     * the same reason a running sum inside a loop is the argument, not the receiver: {@code x.add(sum)}.
     * The long micro-kernels store their accumulators as {@code ((FloatVector) c.check(SPECIES))} instead,
     * a class check that costs C2 far fewer parse nodes than an add (see {@link EightRowTile}).
     */
    static final FloatVector TYPED_ZERO = FloatVector.broadcast(SPECIES, -0f);

    /**
     * {@link #TYPED_ZERO} at half width. The half-width rows call {@code lanewise(ADD, ·)}, never
     * {@code add}: the JIT keeps one profile of the classes seen per call inside the Vector API, and a
     * half-width vector passing through {@code add} would make the guess for every full-width sum a toss-up.
     */
    private static final FloatVector HALF_TYPED_ZERO = FloatVector.broadcast(HALF, -0f);

    private static final int LENGTH = SPECIES.length();
    /** One array of {@code LENGTH} floats per thread, for {@link #sum} and {@link #max}. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[LENGTH]);

    private Lanes() {
    }

    /**
     * For r in [0, rows): y[yOff + r·yStride + i] = x[xOff + r·xStride + i], i in [0, HALF lanes): runs of exactly
     * half a vector, moved as {@link #HALF} vectors whose class the JIT knows ({@link #HALF_TYPED_ZERO}). Only
     * where {@link #HALF_STORES_COMPILE}. A half vector stored as it comes from {@code fromArray} takes the
     * program-wide guess of its class: after the full-width kernels had run, packing a transposed a that way
     * allocated on every store (VectorBackendAllocationTest, JDK 25).
     */
    static void copyHalfRows(float[] x, int xOff, int xStride, float[] y, int yOff, int yStride, int rows) {
        for (int r = 0; r < rows; r++) {
            HALF_TYPED_ZERO.lanewise(VectorOperators.ADD, FloatVector.fromArray(HALF, x, xOff + r * xStride))
                    .intoArray(y, yOff + r * yStride);
        }
    }

    /**
     * A float array as long as a vector, this thread's own, reused from call to call: a kernel takes
     * it once and stores its accumulator vectors into it for {@link #sum} and {@link #max}.
     *
     * @return this thread's scratch array of {@code SPECIES.length()} floats
     */
    static float[] scratch() {
        return SCRATCH.get();
    }

    /**
     * The sum of a vector's lanes, stored in {@code lanes} by {@code v.intoArray(lanes, 0)}, in the same
     * order whether the JIT has compiled the caller or not: a pairwise tree that first adds lane i and
     * lane i + L/2, then those sums a quarter apart, and so on; for 4 lanes, (a₀ + a₂) + (a₁ + a₃).
     * Overwrites {@code lanes}.
     *
     * <p>Plain Java on an array, not vector code, on purpose: a helper that took the vector itself
     * costs C2 parse nodes, and a kernel that outgrew C2's inlining budget then called it without
     * inlining and boxed the vector on every call.
     *
     * @param lanes the lanes, {@code SPECIES.length()} of them
     * @return their sum
     */
    static float sum(float[] lanes) {
        return sum(lanes, 0);
    }

    /**
     * {@link #sum} of the {@code SPECIES.length()} lanes stored at {@code from}, in place, for kernels
     * that keep many accumulators in one array.
     *
     * @param a the array, overwritten in [from, from + L)
     * @param from where the lanes start
     * @return their sum
     */
    static float sum(float[] a, int from) {
        for (int half = LENGTH / 2; half > 0; half /= 2) {
            for (int i = from; i < from + half; i++) {
                a[i] += a[i + half];
            }
        }
        return a[from];
    }

    /**
     * The largest lane, by the tree of {@link #sum} with {@link Math#max} in place of +, so that −0 and
     * +0, and NaN, come out as {@link Math#max} gives them however the code runs. Overwrites
     * {@code lanes}.
     *
     * @param lanes the lanes, {@code SPECIES.length()} of them
     * @return their maximum
     */
    static float max(float[] lanes) {
        for (int half = LENGTH / 2; half > 0; half /= 2) {
            for (int i = 0; i < half; i++) {
                lanes[i] = Math.max(lanes[i], lanes[i + half]);
            }
        }
        return lanes[0];
    }

    /**
     * The width to use and, if the setting is unusable, why.
     *
     * @param bits the vector width in bits
     * @param problem null, or one sentence with the fix
     */
    record Choice(int bits, String problem) {
    }

    /**
     * Parses the property value. Pure, so tests can call it with any value.
     *
     * @param value the property value, or null when unset
     * @param preferredBits the widest width this CPU runs in hardware
     * @return the choice; on a problem the width falls back to the preferred one
     */
    static Choice choose(String value, int preferredBits) {
        if (value == null || value.isBlank()) {
            return new Choice(preferredBits, null);
        }
        int bits;
        try {
            bits = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits != 128 && bits != 256 && bits != 512) {
            return new Choice(preferredBits, BITS_PROPERTY + " must be 128, 256 or 512 but is '" + value
                    + "'; set one of those or remove the property.");
        }
        if (bits > preferredBits) {
            // Wider than the hardware would run in slow software emulation, so refuse rather than crawl.
            return new Choice(preferredBits, BITS_PROPERTY + "=" + bits + " is wider than this CPU's "
                    + preferredBits + "-bit vectors; use at most " + preferredBits + " or remove the property.");
        }
        return new Choice(bits, null);
    }
}
