package dev.scratchnet.simd;

import dev.scratchnet.backend.ConvGeometry;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 2×2 max-pool at stride 2 without padding, a vector of windows at a time: the pool of every
 * course CNN, which one window at a time took about a tenth of a training step.
 *
 * <p>A window's four cells are two adjacent values of one row and the two below them. Two vectors of a
 * row hold the cells of L windows side by side; the even lanes of the pair are the windows' left cells,
 * the odd lanes their right cells. So a row pair gives the four cells of L windows in four vectors, and
 * the winner is picked lane by lane, exactly as the one-window loop ({@link #oneByOne}) picks it: the
 * values are compared as order-preserving integer keys, the right cell wins a row only when greater,
 * and the bottom row wins only when its best is greater than the top row's. Ties go to the first cell,
 * as in the scalar code, and the results are the same bits.
 *
 * <p>When a row has fewer than L windows (12 in the CNN's first pool, against 16 lanes with AVX-512),
 * the extra lanes read on into the rows below and compute windows that do not exist. Their values land
 * just after the row's real outputs, where the next row's outputs, written next, replace them; the last
 * rows of an example, whose extra lanes would reach the next example, go one window at a time.
 */
final class TwoByTwoPool {
    private static final VectorSpecies<Float> FLOATS = Lanes.SPECIES;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());
    private static final FloatVector TYPED_ZERO = Lanes.TYPED_ZERO;
    private static final int L = FLOATS.length();
    /** From two vectors of a row, lanes 0, 2, 4, …: the windows' left cells. */
    private static final VectorShuffle<Integer> LEFT = VectorShuffle.fromOp(INTS, i -> 2 * i);
    /** From two vectors of a row, lanes 1, 3, 5, …: the windows' right cells. */
    private static final VectorShuffle<Integer> RIGHT = VectorShuffle.fromOp(INTS, i -> 2 * i + 1);
    /** 0, 2, 4, …: where the windows' left cells are, from the first one's. */
    private static final IntVector EVEN_LANES = IntVector.zero(INTS).addIndex(2);
    /**
     * Whether windows go by vectors. Not on JDK 17: its JIT does not know the exact class of the ints that
     * {@code reinterpretAsInts} returns, so every step on them was a call that boxed a vector, and the
     * first pool of the course CNN took 1.1–1.5 ms against 1.0 ms one window at a time (0.12 ms on JDK 25).
     * Versions between 17 and 25 were not measured, so they keep the one-window loop too.
     */
    private static final boolean VECTORS = Runtime.version().feature() >= 25;

    private TwoByTwoPool() {
    }

    /** @return whether {@code g} is the 2×2 pool at stride 2 without padding that this kernel computes */
    static boolean suits(ConvGeometry g) {
        return g.kernel() == 2 && g.stride() == 2 && g.padding() == 0;
    }

    /**
     * y = the maximum of each window and argmax = its cell, for examples [from, to): the same values and
     * indices as the scalar reference.
     */
    static void forward(ConvGeometry g, float[] x, float[] y, int[] argmax, int from, int to) {
        int c = g.channels(), h = g.height(), w = g.width(), oh = g.outputHeight(), ow = g.outputWidth();
        int inputSize = g.inputSize(), outputSize = c * oh * ow;
        for (int b = from; b < to; b++) {
            int in = b * inputSize, outEnd = (b + 1) * outputSize;
            for (int ci = 0; ci < c; ci++) {
                for (int oy = 0; oy < oh; oy++) {
                    int rowPair = (ci * h + 2 * oy) * w, o = b * outputSize + (ci * oh + oy) * ow;
                    for (int ox = 0; ox < ow; ox += L) {
                        // A short last run of windows overlaps the run before it: those windows get the same values twice.
                        int first = Math.min(ox, Math.max(0, ow - L)), top = in + rowPair + 2 * first;
                        if (VECTORS && o + first + L <= outEnd && top + w + 2 * L <= x.length) {
                            windows(x, top, w, EVEN_LANES.add(rowPair + 2 * first), y, argmax, o + first);
                        } else {
                            oneByOne(x, in, rowPair, w, y, argmax, o, first, Math.min(ow, first + L));
                        }
                    }
                }
            }
        }
    }

    /**
     * L windows whose top-left cells are x[top], x[top + 2], …: their maxima to y[o …] and their cells
     * (as offsets in the example, starting from {@code leftCells}) to argmax[o …].
     */
    private static void windows(float[] x, int top, int w, IntVector leftCells, float[] y, int[] argmax, int o) {
        IntVector a = bits(x, top), b = bits(x, top + L), c = bits(x, top + w), d = bits(x, top + w + L);
        IntVector topLeft = a.rearrange(LEFT, b), topRight = a.rearrange(RIGHT, b);
        IntVector bottomLeft = c.rearrange(LEFT, d), bottomRight = c.rearrange(RIGHT, d);
        IntVector keyTopLeft = key(topLeft), keyTopRight = key(topRight);
        IntVector keyBottomLeft = key(bottomLeft), keyBottomRight = key(bottomRight);
        VectorMask<Integer> topRightWins = keyTopRight.compare(VectorOperators.GT, keyTopLeft);
        VectorMask<Integer> bottomRightWins = keyBottomRight.compare(VectorOperators.GT, keyBottomLeft);
        VectorMask<Integer> bottomWins = keyBottomLeft.max(keyBottomRight).compare(VectorOperators.GT, keyTopLeft.max(keyTopRight));
        IntVector topBest = topLeft.blend(topRight, topRightWins), bottomBest = bottomLeft.blend(bottomRight, bottomRightWins);
        IntVector topCell = leftCells.add(1, topRightWins), bottomCell = leftCells.add(w).add(1, bottomRightWins);
        // reinterpretAsFloats gives a vector of unknown class; + (−0) gives it one (Lanes.TYPED_ZERO)
        TYPED_ZERO.add(topBest.blend(bottomBest, bottomWins).reinterpretAsFloats()).intoArray(y, o);
        topCell.blend(bottomCell, bottomWins).intoArray(argmax, o);
    }

    private static IntVector bits(float[] x, int offset) {
        return FloatVector.fromArray(FLOATS, x, offset).reinterpretAsInts();
    }

    /**
     * Windows [fromOx, toOx) of one row of outputs, one at a time: y[o + ox] and argmax[o + ox],
     * for the window whose top-left cell is x[in + rowPair + 2·ox] (rowPair is that row's offset in the example).
     */
    private static void oneByOne(float[] x, int in, int rowPair, int w, float[] y, int[] argmax, int o,
                                 int fromOx, int toOx) {
        for (int ox = fromOx; ox < toOx; ox++) {
            int i0 = in + rowPair + 2 * ox, i2 = i0 + w;
            // Compared as integer keys, with no select at all: which cell wins is random, and the JIT
            // compiled float compares, and even int selects, into branches that missed half the time (3.9 ms
            // for the first layer's pool of 64 random examples against 1.0 ms this way). greater(a, b) is 1
            // when b > a, else 0, so a tie keeps the first cell.
            int k0 = orderKey(x[i0]), k1 = orderKey(x[i0 + 1]);
            int k2 = orderKey(x[i2]), k3 = orderKey(x[i2 + 1]);
            int top = i0 + greater(k0, k1), bottom = i2 + greater(k2, k3);
            int winner = top + greater(Math.max(k0, k1), Math.max(k2, k3)) * (bottom - top);
            y[o + ox] = x[winner];
            argmax[o + ox] = winner - in;
        }
    }

    /**
     * @return an int that orders as the float does (for all but NaN): the bits of a non-negative float
     *         already do; a negative one's magnitude bits are negated, so that −0 and +0 tie, as they do
     *         as floats, and the first of two equal values still wins
     */
    private static int orderKey(float v) {
        int bits = Float.floatToRawIntBits(v);
        int sign = bits >> 31; // 0 or −1
        return (bits ^ (sign & Integer.MAX_VALUE)) - sign; // bits, or −(bits & MAX_VALUE) when negative
    }

    /** @return 1 when b &gt; a, else 0, without a branch */
    private static int greater(int a, int b) {
        return (int) (((long) a - b) >>> 63);
    }

    /** {@link #orderKey}, lane by lane: a negative value's magnitude bits negated. */
    private static IntVector key(IntVector bits) {
        IntVector sign = bits.lanewise(VectorOperators.ASHR, 31); // 0 or −1
        return bits.lanewise(VectorOperators.XOR, sign.and(Integer.MAX_VALUE)).sub(sign);
    }
}
