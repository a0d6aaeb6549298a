package dev.scratchnet.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * eˣ for the vector kernels, a vector loop over arrays, and its scalar twin for their tails, with the
 * same bits in both.
 *
 * <p>Why not {@code VectorOperators.EXP}: until C2 compiles a kernel, the Vector API runs its Java
 * fallback, which takes {@code Math.exp} lane by lane, while compiled code calls a vector math
 * library that rounds some lanes differently. A run's weights then depended on when the JIT got
 * there. This exp uses only operations that IEEE 754 rounds exactly (fma, multiply, add, and bit
 * moves), so the fallback, the compiled vector code and the scalar {@link #exp(float)} agree bit for
 * bit on every input.
 *
 * <p>The method, for each lane:
 * <ol>
 *   <li>Clamp x to [{@value #MIN_X}, {@value #MAX_X}]: below, eˣ rounds to 0; above, to +∞. The clamp
 *       keeps n below in range; ±∞ come out as 0 and +∞, NaN stays NaN.</li>
 *   <li>Range reduction: x = n·ln 2 + r with n = round(x·log₂e) and |r| ≤ ½ ln 2 (plus a rounding).
 *       n comes from the bits of x·log₂e + 1.5·2²³, whose last bit is worth exactly 1. r = x − n·ln 2 is
 *       taken in two fma steps (Cody and Waite), with ln 2 split into the nearest float and the rest,
 *       so the first step is exact.</li>
 *   <li>eʳ by a degree-7 polynomial in Horner form with fma, its coefficients a minimax fit (those of
 *       SLEEF's expf).</li>
 *   <li>eˣ = eʳ · 2ⁿ, with 2ⁿ written straight into a float's exponent bits. 2ⁿ is applied as two
 *       factors 2^⌊n/2⌋ · 2^(n−⌊n/2⌋), each a normal float, so n may run from −150 to 128: results near
 *       the overflow threshold stay finite, and subnormal results are rounded once, correctly.</li>
 * </ol>
 *
 * <p>Accuracy: for every float x whose eˣ is a normal float, the result is within 0.88 ulp of the
 * exact eˣ (so it is the correctly rounded float or a neighbour of it); for subnormal results, within
 * 0.86 of the subnormal spacing. Both bounds were found by trying every float in
 * [{@value #MIN_X}, {@value #MAX_X}] against {@link Math#exp}; {@code VectorExpTest} checks them on a
 * dense sample and at the ends. It returns exactly 1 for ±0, 0 below about −103.97 and +∞ above about
 * 88.72, as {@link Math#exp} does.
 *
 * <p>Keep both forms in step: every operation of the vector loop appears in the same order in
 * {@link #exp(float)}. The vector form exists only inside a loop over arrays, for the reason given at
 * {@link #exp(float[], float[], int, int, float, float, float, float[])}.
 */
final class VectorExp {
    private static final VectorSpecies<Float> SPECIES = Lanes.SPECIES;
    /** Below this eˣ is less than half the smallest subnormal, so it rounds to 0. */
    static final float MIN_X = -104f;
    /** Above this eˣ exceeds the largest float, so it rounds to +∞. */
    static final float MAX_X = 89f;

    private static final float LOG2_E = 1.442695040888963f;
    /** 1.5·2²³: adding it rounds to an integer, which then sits in the low bits of the sum. */
    private static final float SHIFTER = 0x1.8p23f;
    private static final int SHIFTER_BITS = Float.floatToRawIntBits(SHIFTER);
    /** The nearest float to ln 2, and the rest: ln 2 − LN2_HI rounded to float. */
    private static final float LN2_HI = 0x1.62e430p-1f;
    private static final float LN2_LO = -0x1.05c610p-29f;
    /** Minimax coefficients of eʳ on [−½ ln 2, ½ ln 2], highest power first (SLEEF expf). */
    private static final float C7 = 1.98527617612853646278381e-4f;
    private static final float C6 = 1.39304355252534151077271e-3f;
    private static final float C5 = 8.33336077630519866943359e-3f;
    private static final float C4 = 4.16664853692054748535156e-2f;
    private static final float C3 = 1.66666671633720397949219e-1f;
    private static final float C2 = 0.5f;
    private static final int EXPONENT_BIAS = 127;
    private static final int MANTISSA_BITS = 23;

    // The constants in every lane, as constant vectors: fewer nodes for C2 to parse than broadcasts.
    private static final FloatVector LOG2_E_LANES = FloatVector.broadcast(SPECIES, LOG2_E);
    private static final FloatVector SHIFTER_LANES = FloatVector.broadcast(SPECIES, SHIFTER);
    private static final FloatVector MINUS_LN2_HI_LANES = FloatVector.broadcast(SPECIES, -LN2_HI);
    private static final FloatVector MINUS_LN2_LO_LANES = FloatVector.broadcast(SPECIES, -LN2_LO);
    private static final FloatVector C7_LANES = FloatVector.broadcast(SPECIES, C7);
    private static final FloatVector C6_LANES = FloatVector.broadcast(SPECIES, C6);
    private static final FloatVector C5_LANES = FloatVector.broadcast(SPECIES, C5);
    private static final FloatVector C4_LANES = FloatVector.broadcast(SPECIES, C4);
    private static final FloatVector C3_LANES = FloatVector.broadcast(SPECIES, C3);
    private static final FloatVector C2_LANES = FloatVector.broadcast(SPECIES, C2);
    private static final FloatVector ONE_LANES = FloatVector.broadcast(SPECIES, 1f);
    private static final FloatVector TYPED_ZERO = Lanes.TYPED_ZERO;

    private VectorExp() {
    }

    /**
     * out[i] = e^max(scale·x[i] + shift, floor) for i in [from, to), with scale·x[i] + shift rounded
     * once (an fma), and their sum. The kernels' one way to take exp: sigmoid is scale −1, tanh −2,
     * softmax shift −max, the cross-entropy gradient floor {@code MIN_LOG_PROBABILITY}.
     *
     * <p>Why arrays, not a method from vector to vector: C2 declines to inline a method that is
     * already compiled into more than {@code InlineSmallCode} bytes, or that comes after a kernel has
     * used up its node budget ({@code NodeCountInliningCutoff}), and exp is big enough for both. A
     * vector passed to a method that is not inlined is boxed, on every call; arrays and floats are not.
     *
     * @param x the inputs
     * @param out the results; may be x
     * @param from the first index
     * @param to one past the last index
     * @param scale multiplies x
     * @param shift is added to scale·x
     * @param floor the smallest exponent taken, or {@link Float#NEGATIVE_INFINITY} for none
     * @param lanes {@link Lanes#scratch()}
     * @return the sum of out[from … to), added in a fixed order ({@link Lanes#sum}, then the tail)
     */
    static float exp(float[] x, float[] out, int from, int to, float scale, float shift, float floor, float[] lanes) {
        FloatVector scaleV = FloatVector.broadcast(SPECIES, scale);
        FloatVector shiftV = FloatVector.broadcast(SPECIES, shift);
        FloatVector floorV = FloatVector.broadcast(SPECIES, floor);
        FloatVector sumV = FloatVector.zero(SPECIES);
        int bound = from + SPECIES.loopBound(to - from);
        int i = from;
        for (; i < bound; i += SPECIES.length()) {
            FloatVector clamped = FloatVector.fromArray(SPECIES, x, i).fma(scaleV, shiftV).max(floorV)
                    .max(MIN_X).min(MAX_X);
            FloatVector shifted = clamped.fma(LOG2_E_LANES, SHIFTER_LANES);
            FloatVector n = shifted.sub(SHIFTER_LANES);
            FloatVector r = n.fma(MINUS_LN2_HI_LANES, clamped);
            r = n.fma(MINUS_LN2_LO_LANES, r);
            FloatVector p = r.fma(C7_LANES, C6_LANES);
            p = p.fma(r, C5_LANES);
            p = p.fma(r, C4_LANES);
            p = p.fma(r, C3_LANES);
            p = p.fma(r, C2_LANES);
            p = p.fma(r, ONE_LANES);
            p = p.fma(r, ONE_LANES);
            IntVector exponent = shifted.reinterpretAsInts().sub(SHIFTER_BITS);
            IntVector half = exponent.lanewise(VectorOperators.ASHR, 1);
            FloatVector scale1 = half.add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS)
                    .reinterpretAsFloats();
            FloatVector scale2 = exponent.sub(half).add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, MANTISSA_BITS)
                    .reinterpretAsFloats();
            FloatVector e = p.mul(scale1).mul(scale2);
            e.intoArray(out, i);
            sumV = e.add(sumV);
        }
        TYPED_ZERO.add(sumV).intoArray(lanes, 0);
        float sum = Lanes.sum(lanes);
        for (; i < to; i++) {
            float e = exp(x[i], scale, shift, floor);
            out[i] = e;
            sum += e;
        }
        return sum;
    }

    /**
     * The scalar twin of one lane of {@link #exp(float[], float[], int, int, float, float, float, float[])},
     * for the tails of the kernels' vector loops.
     *
     * @param x the input
     * @param scale multiplies x
     * @param shift is added to scale·x, with one rounding
     * @param floor the smallest exponent taken
     * @return e^max(scale·x + shift, floor), the same bits as the vector lanes give
     */
    static float exp(float x, float scale, float shift, float floor) {
        return exp(Math.max(Math.fma(scale, x, shift), floor));
    }

    /**
     * eˣ, with the operations of the vector loop in {@link #exp(float[], float[], int, int, float, float,
     * float, float[])}, in the same order.
     *
     * @param x the exponent
     * @return eˣ, within 0.88 ulp (see the class comment)
     */
    static float exp(float x) {
        float clamped = Math.min(Math.max(x, MIN_X), MAX_X);
        float shifted = Math.fma(clamped, LOG2_E, SHIFTER);
        float n = shifted - SHIFTER;
        float r = Math.fma(n, -LN2_HI, clamped);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(r, C7, C6);
        p = Math.fma(p, r, C5);
        p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3);
        p = Math.fma(p, r, C2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        int exponent = Float.floatToRawIntBits(shifted) - SHIFTER_BITS;
        int half = exponent >> 1;
        float scale1 = Float.intBitsToFloat((half + EXPONENT_BIAS) << MANTISSA_BITS);
        float scale2 = Float.intBitsToFloat((exponent - half + EXPONENT_BIAS) << MANTISSA_BITS);
        return p * scale1 * scale2;
    }
}
