package dev.scratchnet.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
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

    private Lanes() {
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
