package dev.scratchnet.simd;

import static dev.scratchnet.simd.MatmulKernel.NR;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MatmulKernel}'s micro-kernels for machines with 32 vector registers (AVX-512): a tile of
 * 8 rows × 2 vectors of C, 16 accumulators + 2 B vectors + 1 broadcast = 19 live registers.
 *
 * <p>There is one variant per way of reading the operands. A's step along p is a parameter of the
 * variants that read eight adjacent values per p (8 in a packed panel, m in a transposed a read in
 * place); B's is the compile-time constant NR in the variants that read a packed panel, which lets the
 * JIT hoist those bounds checks out of the loop. Reading a packed B through the strided variants
 * instead (ldb = NR) was not faster, and a·b at 1024³ ran 4–26% slower in two JMH rounds
 * (2026-11-30), so the packed-B variants stay. The edge
 * variants take their strides as arguments and write a small tile that {@link MatmulKernel} copies
 * into C; an edge no wider than one vector has its own 8 × 1 variant, so narrow outputs (10 classes)
 * waste less. Accumulators leave as {@code ((FloatVector) c.check(SPECIES))}, which is c itself with the
 * vector class the JIT then knows exactly, so that it compiles the store for that class
 * ({@link Lanes#TYPED_ZERO} says why). {@code check} is a class comparison, much cheaper for C2 to parse
 * than the {@code TYPED_ZERO.add(c)} it replaced: with the add, the last stores of a kernel fell past C2's
 * parse-time node budget in some compilations and were boxed (docs/benchmarks.md, "A test JVM's history").
 */
final class EightRowTile {
    private static final VectorSpecies<Float> SPECIES = Lanes.SPECIES;
    private static final int L = SPECIES.length();
    /** The start of a tile row that does not continue a sum: +0, as FloatVector.zero, in 2L lanes. */
    private static final float[] ZERO_ROW = new float[2 * L];

    /** Rows of C per tile. */
    static final int ROWS = 8;

    private EightRowTile() {
    }

    /**
     * The 8 × 2L tile: A from a packed panel, B from a packed panel. The eight values of A at depth p are
     * adjacent, at aOff + p·aStep: aStep is {@link #ROWS} in a packed panel, or m when a transposed a
     * (k × m) is read in place.
     */
    static void kernelPackedPacked(int kc, float[] as, int aOff, int aStep, float[] bs, int bOff,
            float[] out, int outOff, int ldo) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00,
                c10 = c00, c11 = c00,
                c20 = c00, c21 = c00,
                c30 = c00, c31 = c00,
                c40 = c00, c41 = c00,
                c50 = c00, c51 = c00,
                c60 = c00, c61 = c00,
                c70 = c00, c71 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bs, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bs, bi + L);
            FloatVector x0 = FloatVector.broadcast(SPECIES, as[aOff + p * aStep + 0]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            FloatVector x1 = FloatVector.broadcast(SPECIES, as[aOff + p * aStep + 1]);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            FloatVector x2 = FloatVector.broadcast(SPECIES, as[aOff + p * aStep + 2]);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            FloatVector x3 = FloatVector.broadcast(SPECIES, as[aOff + p * aStep + 3]);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
            FloatVector x4 = FloatVector.broadcast(SPECIES, as[aOff + p * aStep + 4]);
            c40 = x4.fma(b0, c40);
            c41 = x4.fma(b1, c41);
            FloatVector x5 = FloatVector.broadcast(SPECIES, as[aOff + p * aStep + 5]);
            c50 = x5.fma(b0, c50);
            c51 = x5.fma(b1, c51);
            FloatVector x6 = FloatVector.broadcast(SPECIES, as[aOff + p * aStep + 6]);
            c60 = x6.fma(b0, c60);
            c61 = x6.fma(b1, c61);
            FloatVector x7 = FloatVector.broadcast(SPECIES, as[aOff + p * aStep + 7]);
            c70 = x7.fma(b0, c70);
            c71 = x7.fma(b1, c71);
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
        ((FloatVector) c60.check(SPECIES)).intoArray(out, outOff + 6 * ldo);
        ((FloatVector) c61.check(SPECIES)).intoArray(out, outOff + 6 * ldo + L);
        ((FloatVector) c70.check(SPECIES)).intoArray(out, outOff + 7 * ldo);
        ((FloatVector) c71.check(SPECIES)).intoArray(out, outOff + 7 * ldo + L);
    }

    /** The 8 × 2L tile: A as in {@link #kernelPackedPacked}, B read in place from rows of b (stride ldb). */
    static void kernelPackedStrided(int kc, float[] as, int aOff, int aStep, float[] bs, int bOff, int ldb,
            float[] out, int outOff, int ldo) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00,
                c10 = c00, c11 = c00,
                c20 = c00, c21 = c00,
                c30 = c00, c31 = c00,
                c40 = c00, c41 = c00,
                c50 = c00, c51 = c00,
                c60 = c00, c61 = c00,
                c70 = c00, c71 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * ldb;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bs, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bs, bi + L);
            FloatVector x0 = FloatVector.broadcast(SPECIES, as[aOff + p * aStep + 0]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            FloatVector x1 = FloatVector.broadcast(SPECIES, as[aOff + p * aStep + 1]);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            FloatVector x2 = FloatVector.broadcast(SPECIES, as[aOff + p * aStep + 2]);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            FloatVector x3 = FloatVector.broadcast(SPECIES, as[aOff + p * aStep + 3]);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
            FloatVector x4 = FloatVector.broadcast(SPECIES, as[aOff + p * aStep + 4]);
            c40 = x4.fma(b0, c40);
            c41 = x4.fma(b1, c41);
            FloatVector x5 = FloatVector.broadcast(SPECIES, as[aOff + p * aStep + 5]);
            c50 = x5.fma(b0, c50);
            c51 = x5.fma(b1, c51);
            FloatVector x6 = FloatVector.broadcast(SPECIES, as[aOff + p * aStep + 6]);
            c60 = x6.fma(b0, c60);
            c61 = x6.fma(b1, c61);
            FloatVector x7 = FloatVector.broadcast(SPECIES, as[aOff + p * aStep + 7]);
            c70 = x7.fma(b0, c70);
            c71 = x7.fma(b1, c71);
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
        ((FloatVector) c60.check(SPECIES)).intoArray(out, outOff + 6 * ldo);
        ((FloatVector) c61.check(SPECIES)).intoArray(out, outOff + 6 * ldo + L);
        ((FloatVector) c70.check(SPECIES)).intoArray(out, outOff + 7 * ldo);
        ((FloatVector) c71.check(SPECIES)).intoArray(out, outOff + 7 * ldo + L);
    }

    /** The 8 × 2L tile: A read in place from 8 rows of a (stride lda), B from a packed panel. */
    static void kernelRowsPacked(int kc, float[] as, int aOff, int lda, float[] bs, int bOff,
            float[] out, int outOff, int ldo) {
        int a0 = aOff + 0 * lda, a1 = aOff + 1 * lda, a2 = aOff + 2 * lda, a3 = aOff + 3 * lda, a4 = aOff + 4 * lda, a5 = aOff + 5 * lda, a6 = aOff + 6 * lda, a7 = aOff + 7 * lda;
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00,
                c10 = c00, c11 = c00,
                c20 = c00, c21 = c00,
                c30 = c00, c31 = c00,
                c40 = c00, c41 = c00,
                c50 = c00, c51 = c00,
                c60 = c00, c61 = c00,
                c70 = c00, c71 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR;
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
            FloatVector x6 = FloatVector.broadcast(SPECIES, as[a6 + p]);
            c60 = x6.fma(b0, c60);
            c61 = x6.fma(b1, c61);
            FloatVector x7 = FloatVector.broadcast(SPECIES, as[a7 + p]);
            c70 = x7.fma(b0, c70);
            c71 = x7.fma(b1, c71);
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
        ((FloatVector) c60.check(SPECIES)).intoArray(out, outOff + 6 * ldo);
        ((FloatVector) c61.check(SPECIES)).intoArray(out, outOff + 6 * ldo + L);
        ((FloatVector) c70.check(SPECIES)).intoArray(out, outOff + 7 * ldo);
        ((FloatVector) c71.check(SPECIES)).intoArray(out, outOff + 7 * ldo + L);
    }

    /**
     * The 8 × (2L + L) tile for outputs one panel and at most L columns wide (40 filters at 512 bits: the
     * CNN's second-layer weight gradient): A read in place from 8 rows of a, B from a whole packed panel
     * at bOff and the edge panel at edgeOff. Each A value is loaded once for all three vectors; as a whole
     * tile and an 8 × L edge tile, A was loaded twice and the edge ran at a quarter of the tile's speed.
     * The first 2L columns go to out, the third vector of each row to edge (rows NR apart), for
     * {@code MatmulKernel.mergeTile}. 24 accumulators: only for 32 vector registers (AVX-512).
     */
    static void kernelRowsPackedWithEdge(int kc, float[] as, int aOff, int lda, float[] bs, int bOff, int edgeOff,
            float[] out, int outOff, int ldo, float[] edge) {
        int a0 = aOff + 0 * lda, a1 = aOff + 1 * lda, a2 = aOff + 2 * lda, a3 = aOff + 3 * lda, a4 = aOff + 4 * lda, a5 = aOff + 5 * lda, a6 = aOff + 6 * lda, a7 = aOff + 7 * lda;
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c02 = c00,
                c10 = c00, c11 = c00, c12 = c00,
                c20 = c00, c21 = c00, c22 = c00,
                c30 = c00, c31 = c00, c32 = c00,
                c40 = c00, c41 = c00, c42 = c00,
                c50 = c00, c51 = c00, c52 = c00,
                c60 = c00, c61 = c00, c62 = c00,
                c70 = c00, c71 = c00, c72 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bs, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bs, bi + L);
            FloatVector b2 = FloatVector.fromArray(SPECIES, bs, edgeOff + p * NR);
            FloatVector x0 = FloatVector.broadcast(SPECIES, as[a0 + p]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            c02 = x0.fma(b2, c02);
            FloatVector x1 = FloatVector.broadcast(SPECIES, as[a1 + p]);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            c12 = x1.fma(b2, c12);
            FloatVector x2 = FloatVector.broadcast(SPECIES, as[a2 + p]);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            c22 = x2.fma(b2, c22);
            FloatVector x3 = FloatVector.broadcast(SPECIES, as[a3 + p]);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
            c32 = x3.fma(b2, c32);
            FloatVector x4 = FloatVector.broadcast(SPECIES, as[a4 + p]);
            c40 = x4.fma(b0, c40);
            c41 = x4.fma(b1, c41);
            c42 = x4.fma(b2, c42);
            FloatVector x5 = FloatVector.broadcast(SPECIES, as[a5 + p]);
            c50 = x5.fma(b0, c50);
            c51 = x5.fma(b1, c51);
            c52 = x5.fma(b2, c52);
            FloatVector x6 = FloatVector.broadcast(SPECIES, as[a6 + p]);
            c60 = x6.fma(b0, c60);
            c61 = x6.fma(b1, c61);
            c62 = x6.fma(b2, c62);
            FloatVector x7 = FloatVector.broadcast(SPECIES, as[a7 + p]);
            c70 = x7.fma(b0, c70);
            c71 = x7.fma(b1, c71);
            c72 = x7.fma(b2, c72);
        }
        ((FloatVector) c00.check(SPECIES)).intoArray(out, outOff);
        ((FloatVector) c01.check(SPECIES)).intoArray(out, outOff + L);
        ((FloatVector) c02.check(SPECIES)).intoArray(edge, 0);
        ((FloatVector) c10.check(SPECIES)).intoArray(out, outOff + ldo);
        ((FloatVector) c11.check(SPECIES)).intoArray(out, outOff + ldo + L);
        ((FloatVector) c12.check(SPECIES)).intoArray(edge, 1 * NR);
        ((FloatVector) c20.check(SPECIES)).intoArray(out, outOff + 2 * ldo);
        ((FloatVector) c21.check(SPECIES)).intoArray(out, outOff + 2 * ldo + L);
        ((FloatVector) c22.check(SPECIES)).intoArray(edge, 2 * NR);
        ((FloatVector) c30.check(SPECIES)).intoArray(out, outOff + 3 * ldo);
        ((FloatVector) c31.check(SPECIES)).intoArray(out, outOff + 3 * ldo + L);
        ((FloatVector) c32.check(SPECIES)).intoArray(edge, 3 * NR);
        ((FloatVector) c40.check(SPECIES)).intoArray(out, outOff + 4 * ldo);
        ((FloatVector) c41.check(SPECIES)).intoArray(out, outOff + 4 * ldo + L);
        ((FloatVector) c42.check(SPECIES)).intoArray(edge, 4 * NR);
        ((FloatVector) c50.check(SPECIES)).intoArray(out, outOff + 5 * ldo);
        ((FloatVector) c51.check(SPECIES)).intoArray(out, outOff + 5 * ldo + L);
        ((FloatVector) c52.check(SPECIES)).intoArray(edge, 5 * NR);
        ((FloatVector) c60.check(SPECIES)).intoArray(out, outOff + 6 * ldo);
        ((FloatVector) c61.check(SPECIES)).intoArray(out, outOff + 6 * ldo + L);
        ((FloatVector) c62.check(SPECIES)).intoArray(edge, 6 * NR);
        ((FloatVector) c70.check(SPECIES)).intoArray(out, outOff + 7 * ldo);
        ((FloatVector) c71.check(SPECIES)).intoArray(out, outOff + 7 * ldo + L);
        ((FloatVector) c72.check(SPECIES)).intoArray(edge, 7 * NR);
    }

    /**
     * The 8 × 2L tile: A read in place from 8 rows of a, B read in place from rows of b. When
     * {@code continues}, the accumulators start from the tile's values in out, the sums of the depths
     * before this block, rather than from zero: the fma run on where it stopped, so a product cut into
     * blocks along k this way gives the same bits as one pass.
     */
    static void kernelRowsStrided(boolean continues, int kc, float[] as, int aOff, int lda, float[] bs, int bOff,
            int ldb, float[] out, int outOff, int ldo) {
        int a0 = aOff + 0 * lda, a1 = aOff + 1 * lda, a2 = aOff + 2 * lda, a3 = aOff + 3 * lda, a4 = aOff + 4 * lda, a5 = aOff + 5 * lda, a6 = aOff + 6 * lda, a7 = aOff + 7 * lda;
        // The start is always a load, from out or from a row of zeros, never a choice between two vectors:
        // with 16 such choices the method was too large for C1's tier-3 compile on JDK 17, and a kernel
        // left at tier 2 keeps its vectors on the heap, allocating at every fma (docs/benchmarks.md).
        float[] from = continues ? out : ZERO_ROW;
        int fromOff = continues ? outOff : 0, ldf = continues ? ldo : 0;
        FloatVector c00 = FloatVector.fromArray(SPECIES, from, fromOff);
        FloatVector c01 = FloatVector.fromArray(SPECIES, from, fromOff + L);
        FloatVector c10 = FloatVector.fromArray(SPECIES, from, fromOff + ldf);
        FloatVector c11 = FloatVector.fromArray(SPECIES, from, fromOff + ldf + L);
        FloatVector c20 = FloatVector.fromArray(SPECIES, from, fromOff + 2 * ldf);
        FloatVector c21 = FloatVector.fromArray(SPECIES, from, fromOff + 2 * ldf + L);
        FloatVector c30 = FloatVector.fromArray(SPECIES, from, fromOff + 3 * ldf);
        FloatVector c31 = FloatVector.fromArray(SPECIES, from, fromOff + 3 * ldf + L);
        FloatVector c40 = FloatVector.fromArray(SPECIES, from, fromOff + 4 * ldf);
        FloatVector c41 = FloatVector.fromArray(SPECIES, from, fromOff + 4 * ldf + L);
        FloatVector c50 = FloatVector.fromArray(SPECIES, from, fromOff + 5 * ldf);
        FloatVector c51 = FloatVector.fromArray(SPECIES, from, fromOff + 5 * ldf + L);
        FloatVector c60 = FloatVector.fromArray(SPECIES, from, fromOff + 6 * ldf);
        FloatVector c61 = FloatVector.fromArray(SPECIES, from, fromOff + 6 * ldf + L);
        FloatVector c70 = FloatVector.fromArray(SPECIES, from, fromOff + 7 * ldf);
        FloatVector c71 = FloatVector.fromArray(SPECIES, from, fromOff + 7 * ldf + L);
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
            FloatVector x6 = FloatVector.broadcast(SPECIES, as[a6 + p]);
            c60 = x6.fma(b0, c60);
            c61 = x6.fma(b1, c61);
            FloatVector x7 = FloatVector.broadcast(SPECIES, as[a7 + p]);
            c70 = x7.fma(b0, c70);
            c71 = x7.fma(b1, c71);
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
        ((FloatVector) c60.check(SPECIES)).intoArray(out, outOff + 6 * ldo);
        ((FloatVector) c61.check(SPECIES)).intoArray(out, outOff + 6 * ldo + L);
        ((FloatVector) c70.check(SPECIES)).intoArray(out, outOff + 7 * ldo);
        ((FloatVector) c71.check(SPECIES)).intoArray(out, outOff + 7 * ldo + L);
    }

    /** An edge tile up to 8 × 2L, any strides, written to tile (8 × NR); outside the hot path. */
    static void edge8x2(int kc, float[] as, int aOff, int ars, int aps, float[] bs, int bOff, int ldb,
            float[] tile) {
        int a0 = aOff + 0 * ars, a1 = aOff + 1 * ars, a2 = aOff + 2 * ars, a3 = aOff + 3 * ars, a4 = aOff + 4 * ars, a5 = aOff + 5 * ars, a6 = aOff + 6 * ars, a7 = aOff + 7 * ars;
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00,
                c10 = c00, c11 = c00,
                c20 = c00, c21 = c00,
                c30 = c00, c31 = c00,
                c40 = c00, c41 = c00,
                c50 = c00, c51 = c00,
                c60 = c00, c61 = c00,
                c70 = c00, c71 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = p * aps, bi = bOff + p * ldb;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bs, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bs, bi + L);
            FloatVector x0 = FloatVector.broadcast(SPECIES, as[a0 + ap]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            FloatVector x1 = FloatVector.broadcast(SPECIES, as[a1 + ap]);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            FloatVector x2 = FloatVector.broadcast(SPECIES, as[a2 + ap]);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            FloatVector x3 = FloatVector.broadcast(SPECIES, as[a3 + ap]);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
            FloatVector x4 = FloatVector.broadcast(SPECIES, as[a4 + ap]);
            c40 = x4.fma(b0, c40);
            c41 = x4.fma(b1, c41);
            FloatVector x5 = FloatVector.broadcast(SPECIES, as[a5 + ap]);
            c50 = x5.fma(b0, c50);
            c51 = x5.fma(b1, c51);
            FloatVector x6 = FloatVector.broadcast(SPECIES, as[a6 + ap]);
            c60 = x6.fma(b0, c60);
            c61 = x6.fma(b1, c61);
            FloatVector x7 = FloatVector.broadcast(SPECIES, as[a7 + ap]);
            c70 = x7.fma(b0, c70);
            c71 = x7.fma(b1, c71);
        }
        ((FloatVector) c00.check(SPECIES)).intoArray(tile, 0 * NR);
        ((FloatVector) c01.check(SPECIES)).intoArray(tile, 0 * NR + L);
        ((FloatVector) c10.check(SPECIES)).intoArray(tile, 1 * NR);
        ((FloatVector) c11.check(SPECIES)).intoArray(tile, 1 * NR + L);
        ((FloatVector) c20.check(SPECIES)).intoArray(tile, 2 * NR);
        ((FloatVector) c21.check(SPECIES)).intoArray(tile, 2 * NR + L);
        ((FloatVector) c30.check(SPECIES)).intoArray(tile, 3 * NR);
        ((FloatVector) c31.check(SPECIES)).intoArray(tile, 3 * NR + L);
        ((FloatVector) c40.check(SPECIES)).intoArray(tile, 4 * NR);
        ((FloatVector) c41.check(SPECIES)).intoArray(tile, 4 * NR + L);
        ((FloatVector) c50.check(SPECIES)).intoArray(tile, 5 * NR);
        ((FloatVector) c51.check(SPECIES)).intoArray(tile, 5 * NR + L);
        ((FloatVector) c60.check(SPECIES)).intoArray(tile, 6 * NR);
        ((FloatVector) c61.check(SPECIES)).intoArray(tile, 6 * NR + L);
        ((FloatVector) c70.check(SPECIES)).intoArray(tile, 7 * NR);
        ((FloatVector) c71.check(SPECIES)).intoArray(tile, 7 * NR + L);
    }

    /** An edge tile up to 8 × L (narrow outputs such as 10 classes), any strides, written to tile. */
    static void edge8x1(int kc, float[] as, int aOff, int ars, int aps, float[] bs, int bOff, int ldb,
            float[] tile) {
        int a0 = aOff + 0 * ars, a1 = aOff + 1 * ars, a2 = aOff + 2 * ars, a3 = aOff + 3 * ars, a4 = aOff + 4 * ars, a5 = aOff + 5 * ars, a6 = aOff + 6 * ars, a7 = aOff + 7 * ars;
        FloatVector c00 = FloatVector.zero(SPECIES),
                c10 = c00,
                c20 = c00,
                c30 = c00,
                c40 = c00,
                c50 = c00,
                c60 = c00,
                c70 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = p * aps, bi = bOff + p * ldb;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bs, bi);
            FloatVector x0 = FloatVector.broadcast(SPECIES, as[a0 + ap]);
            c00 = x0.fma(b0, c00);
            FloatVector x1 = FloatVector.broadcast(SPECIES, as[a1 + ap]);
            c10 = x1.fma(b0, c10);
            FloatVector x2 = FloatVector.broadcast(SPECIES, as[a2 + ap]);
            c20 = x2.fma(b0, c20);
            FloatVector x3 = FloatVector.broadcast(SPECIES, as[a3 + ap]);
            c30 = x3.fma(b0, c30);
            FloatVector x4 = FloatVector.broadcast(SPECIES, as[a4 + ap]);
            c40 = x4.fma(b0, c40);
            FloatVector x5 = FloatVector.broadcast(SPECIES, as[a5 + ap]);
            c50 = x5.fma(b0, c50);
            FloatVector x6 = FloatVector.broadcast(SPECIES, as[a6 + ap]);
            c60 = x6.fma(b0, c60);
            FloatVector x7 = FloatVector.broadcast(SPECIES, as[a7 + ap]);
            c70 = x7.fma(b0, c70);
        }
        ((FloatVector) c00.check(SPECIES)).intoArray(tile, 0 * NR);
        ((FloatVector) c10.check(SPECIES)).intoArray(tile, 1 * NR);
        ((FloatVector) c20.check(SPECIES)).intoArray(tile, 2 * NR);
        ((FloatVector) c30.check(SPECIES)).intoArray(tile, 3 * NR);
        ((FloatVector) c40.check(SPECIES)).intoArray(tile, 4 * NR);
        ((FloatVector) c50.check(SPECIES)).intoArray(tile, 5 * NR);
        ((FloatVector) c60.check(SPECIES)).intoArray(tile, 6 * NR);
        ((FloatVector) c70.check(SPECIES)).intoArray(tile, 7 * NR);
    }
}
