package dev.scratchnet.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transposes a tile of floats one vector square (16 × 16 at 512 bits, 8 × 8 at 256) in vector registers, for
 * {@code MatmulKernel}'s packing of a transposed operand: row r of b (one vector of depths) becomes lane r of as
 * many panel rows. At 512 bits this took a 64 × 784 operand from 18 µs, copied one float at a time, to 5.5 µs on
 * JDK 25 and 9–11 µs on JDK 17 (docs/benchmarks.md).
 *
 * <p>The transpose is the textbook one by halving blocks: for w = 8 (at 16 lanes), 4, 2, 1, every 2w × 2w block
 * swaps its upper right w × w block with its lower left one. Row r takes the lanes of row r + w shifted right by w
 * ({@code rearrange}) where lane / w is odd ({@code blend}); row r + w takes those of row r shifted left by w
 * where lane / w is even. Four stages (three at 8 lanes), every row in a register: no float is computed, so
 * the packed panels, and every product, have the same bits as with the plain copy.
 *
 * <p>Only for 16 and 8 lanes ({@link #APPLIES}); 128-bit vectors copy float by float. The shuffles and masks are
 * constants, so the JIT emits one permute and one masked move for each.
 */
final class TileTranspose {
    private static final VectorSpecies<Float> SPECIES = Lanes.SPECIES;
    /** The side of the tile: one vector. */
    static final int SIDE = SPECIES.length();
    /** Whether this class transposes at this width: 16 lanes (512 bits) or 8 (256 bits, AVX2). */
    static final boolean APPLIES = SIDE == 16 || SIDE == 8;

    private static final VectorShuffle<Float> BELOW_8 = fromRowBelow(8), ABOVE_8 = fromRowAbove(8);
    private static final VectorMask<Float> ODD_8 = blocks(8, 1), EVEN_8 = blocks(8, 0);
    private static final VectorShuffle<Float> BELOW_4 = fromRowBelow(4), ABOVE_4 = fromRowAbove(4);
    private static final VectorMask<Float> ODD_4 = blocks(4, 1), EVEN_4 = blocks(4, 0);
    private static final VectorShuffle<Float> BELOW_2 = fromRowBelow(2), ABOVE_2 = fromRowAbove(2);
    private static final VectorMask<Float> ODD_2 = blocks(2, 1), EVEN_2 = blocks(2, 0);
    private static final VectorShuffle<Float> BELOW_1 = fromRowBelow(1), ABOVE_1 = fromRowAbove(1);
    private static final VectorMask<Float> ODD_1 = blocks(1, 1), EVEN_1 = blocks(1, 0);

    private TileTranspose() {
    }

    /**
     * Writes the transpose of a {@link #SIDE} × {@link #SIDE} tile: dst[dstOff + q·dstStride + r] =
     * src[srcOff + r·srcStride + q]. Call only when {@link #APPLIES}.
     */
    static void transpose(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride) {
        if (SIDE == 16) {
            transpose16(src, srcOff, srcStride, dst, dstOff, dstStride);
        } else {
            transpose8(src, srcOff, srcStride, dst, dstOff, dstStride);
        }
    }

    private static void transpose16(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride) {
        FloatVector r0 = FloatVector.fromArray(SPECIES, src, srcOff + 0 * srcStride);
        FloatVector r1 = FloatVector.fromArray(SPECIES, src, srcOff + 1 * srcStride);
        FloatVector r2 = FloatVector.fromArray(SPECIES, src, srcOff + 2 * srcStride);
        FloatVector r3 = FloatVector.fromArray(SPECIES, src, srcOff + 3 * srcStride);
        FloatVector r4 = FloatVector.fromArray(SPECIES, src, srcOff + 4 * srcStride);
        FloatVector r5 = FloatVector.fromArray(SPECIES, src, srcOff + 5 * srcStride);
        FloatVector r6 = FloatVector.fromArray(SPECIES, src, srcOff + 6 * srcStride);
        FloatVector r7 = FloatVector.fromArray(SPECIES, src, srcOff + 7 * srcStride);
        FloatVector r8 = FloatVector.fromArray(SPECIES, src, srcOff + 8 * srcStride);
        FloatVector r9 = FloatVector.fromArray(SPECIES, src, srcOff + 9 * srcStride);
        FloatVector r10 = FloatVector.fromArray(SPECIES, src, srcOff + 10 * srcStride);
        FloatVector r11 = FloatVector.fromArray(SPECIES, src, srcOff + 11 * srcStride);
        FloatVector r12 = FloatVector.fromArray(SPECIES, src, srcOff + 12 * srcStride);
        FloatVector r13 = FloatVector.fromArray(SPECIES, src, srcOff + 13 * srcStride);
        FloatVector r14 = FloatVector.fromArray(SPECIES, src, srcOff + 14 * srcStride);
        FloatVector r15 = FloatVector.fromArray(SPECIES, src, srcOff + 15 * srcStride);
        // blocks of 8: swap the upper right and lower left 8 × 8 block of every 16 × 16 block
        FloatVector h0 = r0.blend(r8.rearrange(BELOW_8), ODD_8), h8 = r8.blend(r0.rearrange(ABOVE_8), EVEN_8);
        FloatVector h1 = r1.blend(r9.rearrange(BELOW_8), ODD_8), h9 = r9.blend(r1.rearrange(ABOVE_8), EVEN_8);
        FloatVector h2 = r2.blend(r10.rearrange(BELOW_8), ODD_8), h10 = r10.blend(r2.rearrange(ABOVE_8), EVEN_8);
        FloatVector h3 = r3.blend(r11.rearrange(BELOW_8), ODD_8), h11 = r11.blend(r3.rearrange(ABOVE_8), EVEN_8);
        FloatVector h4 = r4.blend(r12.rearrange(BELOW_8), ODD_8), h12 = r12.blend(r4.rearrange(ABOVE_8), EVEN_8);
        FloatVector h5 = r5.blend(r13.rearrange(BELOW_8), ODD_8), h13 = r13.blend(r5.rearrange(ABOVE_8), EVEN_8);
        FloatVector h6 = r6.blend(r14.rearrange(BELOW_8), ODD_8), h14 = r14.blend(r6.rearrange(ABOVE_8), EVEN_8);
        FloatVector h7 = r7.blend(r15.rearrange(BELOW_8), ODD_8), h15 = r15.blend(r7.rearrange(ABOVE_8), EVEN_8);
        // blocks of 4: swap the upper right and lower left 4 × 4 block of every 8 × 8 block
        FloatVector q0 = h0.blend(h4.rearrange(BELOW_4), ODD_4), q4 = h4.blend(h0.rearrange(ABOVE_4), EVEN_4);
        FloatVector q1 = h1.blend(h5.rearrange(BELOW_4), ODD_4), q5 = h5.blend(h1.rearrange(ABOVE_4), EVEN_4);
        FloatVector q2 = h2.blend(h6.rearrange(BELOW_4), ODD_4), q6 = h6.blend(h2.rearrange(ABOVE_4), EVEN_4);
        FloatVector q3 = h3.blend(h7.rearrange(BELOW_4), ODD_4), q7 = h7.blend(h3.rearrange(ABOVE_4), EVEN_4);
        FloatVector q8 = h8.blend(h12.rearrange(BELOW_4), ODD_4), q12 = h12.blend(h8.rearrange(ABOVE_4), EVEN_4);
        FloatVector q9 = h9.blend(h13.rearrange(BELOW_4), ODD_4), q13 = h13.blend(h9.rearrange(ABOVE_4), EVEN_4);
        FloatVector q10 = h10.blend(h14.rearrange(BELOW_4), ODD_4), q14 = h14.blend(h10.rearrange(ABOVE_4), EVEN_4);
        FloatVector q11 = h11.blend(h15.rearrange(BELOW_4), ODD_4), q15 = h15.blend(h11.rearrange(ABOVE_4), EVEN_4);
        // blocks of 2: swap the upper right and lower left 2 × 2 block of every 4 × 4 block
        FloatVector e0 = q0.blend(q2.rearrange(BELOW_2), ODD_2), e2 = q2.blend(q0.rearrange(ABOVE_2), EVEN_2);
        FloatVector e1 = q1.blend(q3.rearrange(BELOW_2), ODD_2), e3 = q3.blend(q1.rearrange(ABOVE_2), EVEN_2);
        FloatVector e4 = q4.blend(q6.rearrange(BELOW_2), ODD_2), e6 = q6.blend(q4.rearrange(ABOVE_2), EVEN_2);
        FloatVector e5 = q5.blend(q7.rearrange(BELOW_2), ODD_2), e7 = q7.blend(q5.rearrange(ABOVE_2), EVEN_2);
        FloatVector e8 = q8.blend(q10.rearrange(BELOW_2), ODD_2), e10 = q10.blend(q8.rearrange(ABOVE_2), EVEN_2);
        FloatVector e9 = q9.blend(q11.rearrange(BELOW_2), ODD_2), e11 = q11.blend(q9.rearrange(ABOVE_2), EVEN_2);
        FloatVector e12 = q12.blend(q14.rearrange(BELOW_2), ODD_2), e14 = q14.blend(q12.rearrange(ABOVE_2), EVEN_2);
        FloatVector e13 = q13.blend(q15.rearrange(BELOW_2), ODD_2), e15 = q15.blend(q13.rearrange(ABOVE_2), EVEN_2);
        // blocks of 1: swap the upper right and lower left 1 × 1 block of every 2 × 2 block
        FloatVector t0 = e0.blend(e1.rearrange(BELOW_1), ODD_1), t1 = e1.blend(e0.rearrange(ABOVE_1), EVEN_1);
        FloatVector t2 = e2.blend(e3.rearrange(BELOW_1), ODD_1), t3 = e3.blend(e2.rearrange(ABOVE_1), EVEN_1);
        FloatVector t4 = e4.blend(e5.rearrange(BELOW_1), ODD_1), t5 = e5.blend(e4.rearrange(ABOVE_1), EVEN_1);
        FloatVector t6 = e6.blend(e7.rearrange(BELOW_1), ODD_1), t7 = e7.blend(e6.rearrange(ABOVE_1), EVEN_1);
        FloatVector t8 = e8.blend(e9.rearrange(BELOW_1), ODD_1), t9 = e9.blend(e8.rearrange(ABOVE_1), EVEN_1);
        FloatVector t10 = e10.blend(e11.rearrange(BELOW_1), ODD_1), t11 = e11.blend(e10.rearrange(ABOVE_1), EVEN_1);
        FloatVector t12 = e12.blend(e13.rearrange(BELOW_1), ODD_1), t13 = e13.blend(e12.rearrange(ABOVE_1), EVEN_1);
        FloatVector t14 = e14.blend(e15.rearrange(BELOW_1), ODD_1), t15 = e15.blend(e14.rearrange(ABOVE_1), EVEN_1);
        t0.intoArray(dst, dstOff + 0 * dstStride);
        t1.intoArray(dst, dstOff + 1 * dstStride);
        t2.intoArray(dst, dstOff + 2 * dstStride);
        t3.intoArray(dst, dstOff + 3 * dstStride);
        t4.intoArray(dst, dstOff + 4 * dstStride);
        t5.intoArray(dst, dstOff + 5 * dstStride);
        t6.intoArray(dst, dstOff + 6 * dstStride);
        t7.intoArray(dst, dstOff + 7 * dstStride);
        t8.intoArray(dst, dstOff + 8 * dstStride);
        t9.intoArray(dst, dstOff + 9 * dstStride);
        t10.intoArray(dst, dstOff + 10 * dstStride);
        t11.intoArray(dst, dstOff + 11 * dstStride);
        t12.intoArray(dst, dstOff + 12 * dstStride);
        t13.intoArray(dst, dstOff + 13 * dstStride);
        t14.intoArray(dst, dstOff + 14 * dstStride);
        t15.intoArray(dst, dstOff + 15 * dstStride);
    }

    private static void transpose8(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride) {
        FloatVector r0 = FloatVector.fromArray(SPECIES, src, srcOff + 0 * srcStride);
        FloatVector r1 = FloatVector.fromArray(SPECIES, src, srcOff + 1 * srcStride);
        FloatVector r2 = FloatVector.fromArray(SPECIES, src, srcOff + 2 * srcStride);
        FloatVector r3 = FloatVector.fromArray(SPECIES, src, srcOff + 3 * srcStride);
        FloatVector r4 = FloatVector.fromArray(SPECIES, src, srcOff + 4 * srcStride);
        FloatVector r5 = FloatVector.fromArray(SPECIES, src, srcOff + 5 * srcStride);
        FloatVector r6 = FloatVector.fromArray(SPECIES, src, srcOff + 6 * srcStride);
        FloatVector r7 = FloatVector.fromArray(SPECIES, src, srcOff + 7 * srcStride);
        // blocks of 4: swap the upper right and lower left 4 × 4 block of every 8 × 8 block
        FloatVector q0 = r0.blend(r4.rearrange(BELOW_4), ODD_4), q4 = r4.blend(r0.rearrange(ABOVE_4), EVEN_4);
        FloatVector q1 = r1.blend(r5.rearrange(BELOW_4), ODD_4), q5 = r5.blend(r1.rearrange(ABOVE_4), EVEN_4);
        FloatVector q2 = r2.blend(r6.rearrange(BELOW_4), ODD_4), q6 = r6.blend(r2.rearrange(ABOVE_4), EVEN_4);
        FloatVector q3 = r3.blend(r7.rearrange(BELOW_4), ODD_4), q7 = r7.blend(r3.rearrange(ABOVE_4), EVEN_4);
        // blocks of 2: swap the upper right and lower left 2 × 2 block of every 4 × 4 block
        FloatVector e0 = q0.blend(q2.rearrange(BELOW_2), ODD_2), e2 = q2.blend(q0.rearrange(ABOVE_2), EVEN_2);
        FloatVector e1 = q1.blend(q3.rearrange(BELOW_2), ODD_2), e3 = q3.blend(q1.rearrange(ABOVE_2), EVEN_2);
        FloatVector e4 = q4.blend(q6.rearrange(BELOW_2), ODD_2), e6 = q6.blend(q4.rearrange(ABOVE_2), EVEN_2);
        FloatVector e5 = q5.blend(q7.rearrange(BELOW_2), ODD_2), e7 = q7.blend(q5.rearrange(ABOVE_2), EVEN_2);
        // blocks of 1: swap the upper right and lower left 1 × 1 block of every 2 × 2 block
        FloatVector t0 = e0.blend(e1.rearrange(BELOW_1), ODD_1), t1 = e1.blend(e0.rearrange(ABOVE_1), EVEN_1);
        FloatVector t2 = e2.blend(e3.rearrange(BELOW_1), ODD_1), t3 = e3.blend(e2.rearrange(ABOVE_1), EVEN_1);
        FloatVector t4 = e4.blend(e5.rearrange(BELOW_1), ODD_1), t5 = e5.blend(e4.rearrange(ABOVE_1), EVEN_1);
        FloatVector t6 = e6.blend(e7.rearrange(BELOW_1), ODD_1), t7 = e7.blend(e6.rearrange(ABOVE_1), EVEN_1);
        t0.intoArray(dst, dstOff + 0 * dstStride);
        t1.intoArray(dst, dstOff + 1 * dstStride);
        t2.intoArray(dst, dstOff + 2 * dstStride);
        t3.intoArray(dst, dstOff + 3 * dstStride);
        t4.intoArray(dst, dstOff + 4 * dstStride);
        t5.intoArray(dst, dstOff + 5 * dstStride);
        t6.intoArray(dst, dstOff + 6 * dstStride);
        t7.intoArray(dst, dstOff + 7 * dstStride);
    }

    /** Lane c takes lane c − w where c / w is odd (the lanes a row takes from the row w below it). */
    private static VectorShuffle<Float> fromRowBelow(int w) {
        int[] lanes = new int[SPECIES.length()];
        for (int c = 0; c < lanes.length; c++) {
            lanes[c] = (c / w) % 2 == 1 ? c - w : c;
        }
        return VectorShuffle.fromArray(SPECIES, lanes, 0);
    }

    /** Lane c takes lane c + w where c / w is even (the lanes a row takes from the row w above it). */
    private static VectorShuffle<Float> fromRowAbove(int w) {
        int[] lanes = new int[SPECIES.length()];
        for (int c = 0; c < lanes.length; c++) {
            lanes[c] = (c / w) % 2 == 0 && c + w < lanes.length ? c + w : c;
        }
        return VectorShuffle.fromArray(SPECIES, lanes, 0);
    }

    /** The lanes c with (c / w) % 2 == parity. */
    private static VectorMask<Float> blocks(int w, int parity) {
        boolean[] lanes = new boolean[SPECIES.length()];
        for (int c = 0; c < lanes.length; c++) {
            lanes[c] = (c / w) % 2 == parity;
        }
        return VectorMask.fromArray(SPECIES, lanes, 0);
    }
}
