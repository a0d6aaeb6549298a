package dev.scratchnet.simd;

import static dev.scratchnet.simd.MatmulKernel.NR;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MatmulKernel}'s micro-kernel for machines with 16 vector registers (AVX2): a tile of
 * 6 rows × 2 vectors of C, 12 accumulators + 2 B vectors + 1 broadcast = 15 live registers.
 * {@link EightRowTile}'s 19 do not fit in 16: the JIT keeps some of them in memory, and the product
 * ran at 0.4× OpenBLAS's AVX2 kernel (docs/benchmarks.md, "AVX2").
 *
 * <p>Twelve independent fma per step of p are still more than the 8 that an fma's latency (4 cycles)
 * times two issue ports needs. A comes as six rows (of a plain a, or of a packed panel), B either
 * packed (ldb = NR) or read in place (ldb = n). The same kernel writes the edge tiles, into a 6 × NR buffer
 * that {@link MatmulKernel} copies into C.
 */
final class SixRowTile {
    private static final VectorSpecies<Float> SPECIES = Lanes.SPECIES;
    private static final int L = SPECIES.length();

    /** Rows of C per tile. */
    static final int ROWS = 6;

    private SixRowTile() {
    }

    /**
     * out[0..6)[0..2L) = A · B over one k block (the caller adds later blocks into C).
     *
     * @param as six rows of A: A[i][p] at aOff + i·lda + p (rows of a plain a in place, or a packed panel)
     * @param bs B[p][j] at bOff + p·ldb + j
     * @param out where the tile goes: row i at outOff + i·ldo
     */
    static void kernel(int kc, float[] as, int aOff, int lda, float[] bs, int bOff, int ldb,
                       float[] out, int outOff, int ldo) {
        int a0 = aOff, a1 = aOff + lda, a2 = aOff + 2 * lda, a3 = aOff + 3 * lda, a4 = aOff + 4 * lda, a5 = aOff + 5 * lda;
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00,
                c10 = c00, c11 = c00,
                c20 = c00, c21 = c00,
                c30 = c00, c31 = c00,
                c40 = c00, c41 = c00,
                c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * ldb;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bs, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bs, bi + L);
            FloatVector x0 = FloatVector.broadcast(SPECIES, as[a0 + p]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            FloatVector x1 = FloatVector.broadcast(SPECIES, as[a1 + p]);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            FloatVector x2 = FloatVector.broadcast(SPECIES, as[a2 + p]);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            FloatVector x3 = FloatVector.broadcast(SPECIES, as[a3 + p]);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
            FloatVector x4 = FloatVector.broadcast(SPECIES, as[a4 + p]);
            c40 = x4.fma(b0, c40);
            c41 = x4.fma(b1, c41);
            FloatVector x5 = FloatVector.broadcast(SPECIES, as[a5 + p]);
            c50 = x5.fma(b0, c50);
            c51 = x5.fma(b1, c51);
        }
        ((FloatVector) c00.check(SPECIES)).intoArray(out, outOff);
        ((FloatVector) c01.check(SPECIES)).intoArray(out, outOff + L);
        ((FloatVector) c10.check(SPECIES)).intoArray(out, outOff + ldo);
        ((FloatVector) c11.check(SPECIES)).intoArray(out, outOff + ldo + L);
        ((FloatVector) c20.check(SPECIES)).intoArray(out, outOff + 2 * ldo);
        ((FloatVector) c21.check(SPECIES)).intoArray(out, outOff + 2 * ldo + L);
        ((FloatVector) c30.check(SPECIES)).intoArray(out, outOff + 3 * ldo);
        ((FloatVector) c31.check(SPECIES)).intoArray(out, outOff + 3 * ldo + L);
        ((FloatVector) c40.check(SPECIES)).intoArray(out, outOff + 4 * ldo);
        ((FloatVector) c41.check(SPECIES)).intoArray(out, outOff + 4 * ldo + L);
        ((FloatVector) c50.check(SPECIES)).intoArray(out, outOff + 5 * ldo);
        ((FloatVector) c51.check(SPECIES)).intoArray(out, outOff + 5 * ldo + L);
    }
}
