package dev.scratchnet.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Chooses the vector width once per JVM: the CPU's preferred width, or the one the system property
 * {@value #BITS_PROPERTY} pins (128, 256 or 512) to test the narrower code paths on a wide CPU.
 *
 * <p>Every kernel class copies {@link #SPECIES} into its own {@code static final} field. It must be a
 * constant: the JIT then knows the lane count and emits plain vector instructions; a species read from a
 * non-final field or passed as a parameter made the matrix product 3× to 75× slower.
 *
 * <p>A bad value does not throw here (that would break class initialisation for good). Instead
 * {@link #PROBLEM} holds one sentence saying what is wrong and how to fix it, the provider reports the
 * backend as unavailable with that sentence, and {@link VectorBackend}'s constructor refuses to run.
 *
 * <p>It also reduces a vector to one number in a fixed order ({@link #sum}, {@link #max}). The Vector
 * API's {@code reduceLanes} leaves the order open: its Java fallback adds lane after lane, while
 * compiled code may add in a tree, so a sum could round differently before and after the JIT.
 */
final class Lanes {
    /** System property that pins the vector width in bits. */
    static final String BITS_PROPERTY = "nn.simd.bits";

    private static final Choice CHOICE =
            choose(System.getProperty(BITS_PROPERTY), FloatVector.SPECIES_PREFERRED.vectorBitSize());

    /** The species all kernels use. */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED.withShape(
            VectorShape.forBitSize(CHOICE.bits()));

    /** Why the configured width cannot be used, or null when it can. */
    static final String PROBLEM = CHOICE.problem();

    private static final int LENGTH = SPECIES.length();
    /**
     * Rotations by half, a quarter, an eighth and a sixteenth of the lanes (null where the species is
     * too narrow): lane i of {@code v.rearrange(ROTATE_BY_HALF)} is lane i + L/2 (mod L) of v.
     */
    private static final VectorShuffle<Float> ROTATE_BY_HALF = rotation(2);
    private static final VectorShuffle<Float> ROTATE_BY_QUARTER = rotation(4);
    private static final VectorShuffle<Float> ROTATE_BY_EIGHTH = rotation(8);
    private static final VectorShuffle<Float> ROTATE_BY_SIXTEENTH = rotation(16);

    private Lanes() {
    }

    /**
     * The sum of the lanes, in the same order whether the JIT has compiled the caller or not: a
     * pairwise tree that first adds lane i and lane i + L/2, then those sums a quarter apart, and so
     * on. Lane 0 of the last step is the sum; for 4 lanes, (a₀ + a₂) + (a₁ + a₃).
     *
     * @param v the lanes, at most 16
     * @return their sum
     */
    static float sum(FloatVector v) {
        FloatVector s = v.add(v.rearrange(ROTATE_BY_HALF));
        // LENGTH is a constant, so the JIT drops the steps a narrower species does not take.
        if (LENGTH >= 4) {
            s = s.add(s.rearrange(ROTATE_BY_QUARTER));
        }
        if (LENGTH >= 8) {
            s = s.add(s.rearrange(ROTATE_BY_EIGHTH));
        }
        if (LENGTH >= 16) {
            s = s.add(s.rearrange(ROTATE_BY_SIXTEENTH));
        }
        return s.lane(0);
    }

    /**
     * The largest lane, by the tree of {@link #sum} with {@link Math#max} in place of +, so −0 and
     * +0, and NaN, come out the same however the code runs.
     *
     * @param v the lanes, at most 16
     * @return their maximum
     */
    static float max(FloatVector v) {
        FloatVector s = v.max(v.rearrange(ROTATE_BY_HALF));
        if (LENGTH >= 4) {
            s = s.max(s.rearrange(ROTATE_BY_QUARTER));
        }
        if (LENGTH >= 8) {
            s = s.max(s.rearrange(ROTATE_BY_EIGHTH));
        }
        if (LENGTH >= 16) {
            s = s.max(s.rearrange(ROTATE_BY_SIXTEENTH));
        }
        return s.lane(0);
    }

    /** @return the shuffle that rotates the lanes by L/parts, or null when there are fewer than parts lanes */
    private static VectorShuffle<Float> rotation(int parts) {
        return LENGTH >= parts ? VectorShuffle.iota(SPECIES, LENGTH / parts, 1, true) : null;
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
     * @return the choice, at most 512 bits; on a problem the width falls back to the preferred one
     */
    static Choice choose(String value, int preferredBits) {
        // Wider vectors (some Arm SVE CPUs) run at 512 bits: sum and max are written for up to 16 lanes.
        int usableBits = Math.min(preferredBits, 512);
        if (value == null || value.isBlank()) {
            return new Choice(usableBits, null);
        }
        int bits;
        try {
            bits = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits != 128 && bits != 256 && bits != 512) {
            return new Choice(usableBits, BITS_PROPERTY + " must be 128, 256 or 512 but is '" + value
                    + "'; set one of those or remove the property.");
        }
        if (bits > usableBits) {
            // Wider than the hardware would run in slow software emulation, so refuse rather than crawl.
            return new Choice(usableBits, BITS_PROPERTY + "=" + bits + " is wider than this CPU's "
                    + usableBits + "-bit vectors; use at most " + usableBits + " or remove the property.");
        }
        return new Choice(bits, null);
    }
}
