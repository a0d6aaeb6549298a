package dev.scratchnet.simd;

import java.util.Arrays;
import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * C = A · B for row-major float arrays, where A may be stored transposed (aᵀ·b) and B may be stored
 * transposed (a·bᵀ). This is the one place in Scratchnet where speed wins over brevity.
 *
 * <pre>
 * Blocking, L = lanes per vector (16 with AVX-512), sizes in floats, numbers for 1024×1024×1024:
 *
 *  for jc in steps of nc columns of C        B block kc × nc, packed once per (jc, pc)   → L2
 *   for pc in steps of kc along k               (kc·nc ≤ 128 Ki floats = 512 KiB: kc = 1024, nc = 128)
 *    for ir in steps of MR = 8 rows of C      A panel 8 × kc: rows of a read in place, or
 *                                                packed when a is transposed or at the edge  → L1
 *                                                (6 rows on 16-register machines)
 *     for jr in steps of NR = 2L columns      B panel kc × 2L, streamed from the L2 block
 *      micro-kernel, for p in 0 until kc:
 *          b0, b1 = the two vectors of the B panel at depth p
 *          for r in 0..7: x = broadcast A[r][p];  C[r][0..L) += x·b0;  C[r][L..2L) += x·b1   (fma)
 *
 *                  NR = 2L columns
 *               ┌────────┬────────┐
 *   MR = 8 rows │ c00    │ c01    │   16 accumulators + 2 B vectors + 1 broadcast = 19 registers
 *               │ ...    │ ...    │   of the 32 that AVX-512 has ({@link EightRowTile}); with 16
 *               │ c70    │ c71    │   registers (AVX2) the tile is 6 rows: 15 ({@link SixRowTile})
 *               └────────┴────────┘
 * </pre>
 *
 * Why these sizes, measured on a 2-core AVX-512 machine (48 KiB L1, 2 MiB L2 per core):
 * <ul>
 *   <li>The 8 × 2-vector tile does 16 independent fma per step of p (an fma has 4 cycles latency
 *       and two issue per cycle, so at least 8 must be in flight); larger tiles need more than about
 *       28 live vectors, the JIT spills them, and the speed halves.</li>
 *   <li>kc is long (up to {@value #KC}): C is read and written once per k block, and those C rows
 *       are not in any cache, so four passes of kc = 256 over a 1024² C cost a third of the speed.
 *       The A panel (8 × kc, 32 KiB at most) stays in L1 while all B panels of the block stream past it.</li>
 *   <li>nc is what keeps the packed B block within {@link #B_BLOCK} (512 KiB) at this kc: on a core with 1 MiB of
 *       L2 (AMD Zen 5, 2026-12-02), a 1 MiB block was slower.</li>
 *   <li>Packing B puts each panel in the order the micro-kernel reads it (two vectors per p, unit
 *       stride); when a product has few rows (≤ {@value #B_IN_PLACE_MAX_ROWS}) and b is not transposed,
 *       the copy costs more than it saves and the kernel reads rows of b in place instead. Such a product's
 *       whole tiles go one column panel at a time and, within it, one block of depth at a time, each tile
 *       carrying its sums from one block to the next ({@link #computeWholeTilesInPlace}).
 *       A is read in place too: its 8 rows are 8 unit-stride streams, and in a transposed a the 8 values
 *       of one depth are adjacent, so only a transposed a with long k blocks and the bottom edge need
 *       packing, and a plain a when one thread computes all columns of a product with many column panels
 *       ({@link #packsPlainA}). A transposed a is packed {@value #A_GROUP} panels at a time, in passes of
 *       {@value #TRANSPOSED_A_DEPTHS} depths for all of those panels (whole cache lines of each of its rows,
 *       still in L1, per pass; one panel at a time touched a new page for every p, one depth at a time for
 *       all panels wrote to a new page for every panel), all of it once per product when it fits, and a
 *       transposed b is transposed in tiles that fit L1, a vector square at a time in registers at 512 and 256 bits
 *       ({@link TileTranspose}). An a·bᵀ whose a is much smaller than b is computed as
 *       Cᵀ = b·aᵀ, so that the smaller one is transposed ({@link #swapsOperands}).</li>
 * </ul>
 * Panels at the right and bottom edges are zero-padded; a variant of the micro-kernel writes them to a
 * small tile that is then copied into C, so no mask or tail loop sits in the hot loop.
 *
 * <p>Every element of C is computed the same way (same k blocks, chosen by the shape alone, and the same
 * order of fma) no matter how the rows, columns or k blocks of C are divided among threads, so results do
 * not depend on the thread count.
 */
final class MatmulKernel {
    private static final VectorSpecies<Float> SPECIES = Lanes.SPECIES;
    private static final int L = SPECIES.length();
    private static final FloatVector TYPED_ZERO = Lanes.TYPED_ZERO;

    /**
     * Rows of C per micro-kernel tile, chosen from the machine: 512-bit vectors mean AVX-512, whose 32
     * registers hold {@link EightRowTile}'s 19 live vectors; narrower vectors are taken to mean a
     * 16-register machine such as AVX2, where {@link SixRowTile}'s 15 fit.
     */
    static final int MR = SPECIES.vectorBitSize() >= 512 ? EightRowTile.ROWS : SixRowTile.ROWS;
    /** Columns of C per micro-kernel tile: two vectors. */
    static final int NR = 2 * L;
    /** The longest block along k; k is cut into equal blocks no longer than this. */
    static final int KC = 1024;
    /**
     * Floats in one packed B block (kc × nc), sized for L2: 512 KiB, half of a 1 MiB L2 (AMD Zen 4 and 5) and
     * a quarter of a 2 MiB one. The block shares L2 with the packed a and C's rows; on Zen 5, 1 MiB blocks made
     * 128×784·784×512 7–10% and 1024³ 2–7% slower (one and two threads; docs/benchmarks.md). It sets only
     * how C's columns are blocked, so no bit depends on it.
     */
    static final int B_BLOCK = 128 * 1024;
    /**
     * How a packed A panel is laid out: row by row (A[i][p] at i·(kc + A_ROW_PAD) + p) for the six-row tile, which
     * reads packed and unpacked rows with one kernel; interleaved (A[i][p] at p·MR + i) for the
     * eight-row tile's packed variants. On JDK 25 a six-row kernel reading the interleaved layout ran
     * at half speed.
     */
    static final boolean A_PANEL_ROWS = MR == SixRowTile.ROWS;
    /**
     * Floats between the rows of a row-by-row panel beyond kc: at kc = 1024 the six rows 4 KiB apart all
     * fell into the same L1 sets, and aᵀ·b at 1024³ ran at half speed.
     */
    static final int A_ROW_PAD = 16;

    /** @return the distance between rows of a packed A panel, in floats (its interleaved form has p·MR + i) */
    static int packedRowStride(int kc) {
        return A_PANEL_ROWS ? kc + A_ROW_PAD : kc;
    }
    /**
     * The fewest columns of C for which a plain a is packed, like a transposed one, rather than read in
     * place by {@link EightRowTile}, when one thread computes all of C's columns ({@link #packsPlainA}).
     */
    static final int PACK_A_MIN_COLUMNS = 8 * NR;

    /** Products with at most this many rows read b in place rather than packing it. */
    static final int B_IN_PLACE_MAX_ROWS = 64;

    /**
     * The deepest k block for which a transposed a is read in place instead of packed: a tile touches one
     * cache line of a per step of p, 64 lines at kc = 64 (784×64·64×128 took 67 µs so, against 93 µs
     * packed); at kc = 1024 those lines no longer fit L1 and in place was slower.
     */
    static final int A_IN_PLACE_MAX_DEPTH = 256;

    /**
     * The most floats of a packed a (a long transposed one, or a plain one that {@link #packsPlainA}) that a
     * product packs once for all its column blocks (6 MiB per thread: a 1024 × 1024 a fits with either tile's
     * padding). Larger ones are packed again for each column block, a transposed one {@value #A_GROUP} panels
     * at a time. Packed once, a plain a·b at 1024³ took 12.6 ms instead of 13.6 and a·bᵀ 13.4 instead of 14.4
     * (one thread, 2026-12-02, AMD).
     */
    static final int PACKED_A_MAX_FLOATS = 3 << 19;
    /** Panels of a transposed a packed together: one pass over A_GROUP·MR adjacent values per p. */
    static final int A_GROUP = 32;
    /** Depth of one tile when transposing b into panels: two cache lines of each row of b. */
    static final int TRANSPOSE_TILE = 32;

    /** Per-thread packing buffers, allocated once per thread rather than once per call. */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private MatmulKernel() {
    }

    private static final class Workspace {
        final float[] a = new float[A_GROUP * MR * (KC + A_ROW_PAD)];
        final float[] b = new float[Math.max(B_BLOCK, KC * NR)];
        final float[] tile = new float[MR * NR];
        /** The third vector of each row of {@link EightRowTile#kernelRowsPackedWithEdge}. */
        final float[] edge = new float[MR * NR];
        final SplitJob job = new SplitJob();
        /** All of a long transposed a, packed once per product (see PACKED_A_MAX_FLOATS); grows on first use. */
        private float[] packedA = new float[0];

        float[] packedA(int size) {
            if (packedA.length < size) {
                packedA = new float[size];
            }
            return packedA;
        }

        /** The second k block's product when the threads split k ({@link #splitsDepth}); grows on first use. */
        private float[] partial = new float[0];

        float[] partial(int size) {
            if (partial.length < size) {
                partial = new float[size];
            }
            return partial;
        }
    }

    /**
     * C = A · B, split across up to {@code threads} threads when the product is large enough.
     *
     * <p>Most splits divide C: each thread owns whole panels of rows or columns of C and computes them
     * exactly as one thread would. The dimension with more tiles is divided; small products stay on the
     * calling thread, where handing work to another thread would cost more than it saves. A dense
     * layer's forward product is split along k instead ({@link #splitsDepth}). Either way the result is bit
     * for bit the same for any thread count.
     *
     * @param a A, stored as a (m × k) or, when transA, as a (k × m)
     * @param b B, stored as b (k × n) or, when transB, as b (n × k)
     * @param c C (m × n), overwritten
     * @param threads the most threads to use, at least 1
     */
    static void multiply(float[] a, boolean transA, float[] b, boolean transB, float[] c,
                         int m, int n, int k, int threads) {
        int rowPanels = (m + MR - 1) / MR, colPanels = (n + NR - 1) / NR;
        boolean depth = threads > 1 && splitsDepth(m, n, k, transA, transB);
        // Along k: an even number of shares, half for each k block, each half dividing C's columns.
        int shares = depth ? Math.min(threads, 2 * colPanels) & ~1 : shares(m, n, k, threads);
        if (shares == 1) {
            compute(a, transA, b, transB, c, m, n, k, 0, m, 0, n, 0, k);
            return;
        }
        // One reusable job per calling thread: a lambda capturing the operands would be a new
        // object on every product of every training step.
        Workspace ws = WORKSPACE.get();
        SplitJob job = ws.job;
        try {
            if (depth) {
                // The first half of the shares computes the first k block into C, the second half the second
                // block into a partial product; then C += partial, the addition one thread makes too.
                job.set(a, transA, b, transB, c, m, n, k, shares, Split.DEPTH);
                job.partial = ws.partial(m * n);
                WorkerPool.run(shares, job);
                job.split = Split.ADD_PARTIAL;
                WorkerPool.run(shares, job);
            } else {
                job.set(a, transA, b, transB, c, m, n, k, shares, colPanels >= rowPanels ? Split.COLUMNS : Split.ROWS);
                WorkerPool.run(shares, job);
            }
        } finally {
            job.clear();
        }
    }

    /** How a {@link SplitJob} divides a product among its shares. */
    private enum Split {
        /** Each share computes whole panels of C's rows. */
        ROWS,
        /** Each share computes whole panels of C's columns. */
        COLUMNS,
        /**
         * Shares [0, shares/2) compute the first k block into C, the others the second block into the partial
         * product; within each half, the shares divide C's columns.
         */
        DEPTH,
        /** Each share adds its rows of the partial product into C. */
        ADD_PARTIAL
    }

    /** The most rows (examples in a batch) of a product that {@link #splitsDepth} splits along k. */
    static final int DEPTH_SPLIT_MAX_ROWS = 256;
    /**
     * The most columns of a product that {@link #splitsDepth} splits along k, so that the second block's
     * buffer, kept per calling thread, stays within 2 MB.
     */
    static final int DEPTH_SPLIT_MAX_COLUMNS = 2048;

    /**
     * Whether the product is computed as two k blocks, C = A₀·B₀ + A₁·B₁, so that two threads can take one
     * each: a plain a·b large enough to split ({@link #PARALLEL_MIN_MACS}), with more rows than
     * {@value #B_IN_PLACE_MAX_ROWS} and at most {@value #DEPTH_SPLIT_MAX_ROWS}, at most
     * {@value #DEPTH_SPLIT_MAX_COLUMNS} columns, and a k from 512 to 2·{@value #KC}. That is a dense layer's forward product x·W on a batch, W's rows being the layer's
     * inputs (the deep network's 128×784·784×512 and 128×512·512×256). The rule looks at the shape alone,
     * so one thread computes the same two blocks and adds them the same way; it pays 1–3% for the second
     * pass over C.
     *
     * <p>Why along k: each core then reads only the rows of W that it updated itself in the last optimizer
     * step ({@link OptimizerSteps} splits W by rows, and so does the weight-gradient product before it).
     * Split by C's columns, both cores read every row of W, and the optimizer's next write to a row that
     * the other core had read waited until that core's copy was invalidated. On this machine
     * (2026-12-01) that made the deep network's Adam step on two threads hardly faster than on one, and
     * the split along k made its two-thread epoch 7% faster (docs/benchmarks.md).
     */
    static boolean splitsDepth(int m, int n, int k, boolean transA, boolean transB) {
        return !transA && !transB && m > B_IN_PLACE_MAX_ROWS && m <= DEPTH_SPLIT_MAX_ROWS
                && n <= DEPTH_SPLIT_MAX_COLUMNS && k >= 2 * A_IN_PLACE_MAX_DEPTH && k <= 2 * KC && (long) m * n * k >= PARALLEL_MIN_MACS;
    }

    /** @return how many equal k blocks a product is computed in: as few as {@link #KC} allows, or two when {@link #splitsDepth} */
    static int kBlocks(int m, int n, int k, boolean transA, boolean transB) {
        return splitsDepth(m, n, k, transA, transB) ? 2 : (k + KC - 1) / KC;
    }

    /**
     * @return the length of every k block but the last, which may be shorter: equal blocks (784 = 1 × 784,
     *         2000 = 2 × 1000) rather than a full one and a short remainder
     */
    static int kBlockLength(int m, int n, int k, boolean transA, boolean transB) {
        int blocks = kBlocks(m, n, k, transA, transB);
        return (k + blocks - 1) / blocks;
    }

    /** One product split into shares of C's columns (or rows): share s computes its own panels. */
    private static final class SplitJob implements IntConsumer {
        private float[] a;
        private float[] b;
        private float[] c;
        private boolean transA;
        private boolean transB;
        private int m;
        private int n;
        private int k;
        private float[] partial;
        private int shares;
        private Split split;

        void set(float[] a, boolean transA, float[] b, boolean transB, float[] c, int m, int n, int k, int shares,
                 Split split) {
            this.a = a;
            this.transA = transA;
            this.b = b;
            this.transB = transB;
            this.c = c;
            this.m = m;
            this.n = n;
            this.k = k;
            this.shares = shares;
            this.split = split;
        }

        /** Drops the references, so a finished product's arrays are not kept alive. */
        void clear() {
            a = b = c = partial = null;
        }

        @Override
        public void accept(int s) {
            int rowPanels = (m + MR - 1) / MR, colPanels = (n + NR - 1) / NR;
            switch (split) {
                case ROWS -> compute(a, transA, b, transB, c, m, n, k,
                        Math.min(m, split(rowPanels, shares, s) * MR), Math.min(m, split(rowPanels, shares, s + 1) * MR),
                        0, n, 0, k);
                case COLUMNS -> compute(a, transA, b, transB, c, m, n, k, 0, m,
                        Math.min(n, split(colPanels, shares, s) * NR), Math.min(n, split(colPanels, shares, s + 1) * NR),
                        0, k);
                case DEPTH -> {
                    int groups = shares / 2, block = s / groups, group = s % groups;
                    int kc = kBlockLength(m, n, k, transA, transB); // the two k blocks: [0, kc) and [kc, k)
                    compute(a, transA, b, transB, block == 0 ? c : partial, m, n, k, 0, m,
                            Math.min(n, split(colPanels, groups, group) * NR), Math.min(n, split(colPanels, groups, group + 1) * NR),
                            block * kc, block == 0 ? kc : k);
                }
                case ADD_PARTIAL -> addPartial(c, partial, split(m, shares, s) * n, split(m, shares, s + 1) * n);
            }
        }
    }

    /**
     * Products with fewer multiply-adds than this (about 12 million) run on the calling thread: below
     * it, handing half the product to a second core, whose caches are cold, cost more than it saved
     * (the measured speed-ups are in docs/benchmarks.md).
     */
    static final long PARALLEL_MIN_MACS = 12L << 20;

    /**
     * @return how many threads to use for an m×k·k×n product: 1 when it is small, else at most one per
     *         tile along the divided dimension
     */
    static int shares(int m, int n, int k, int threads) {
        if (threads == 1 || (long) m * n * k < PARALLEL_MIN_MACS) {
            return 1;
        }
        int panels = Math.max((m + MR - 1) / MR, (n + NR - 1) / NR);
        return Math.min(threads, panels);
    }

    /** @return the first of {@code units} units that share {@code s} of {@code shares} owns (share {@code shares} gives the end) */
    private static int split(int units, int shares, int s) {
        return (int) ((long) units * s / shares);
    }

    /**
     * Computes rows [r0, r1) and columns [c0, c1) of C = A · B, overwriting them.
     *
     * @param a A (m × k), stored as a (m × k) or, when transA, as a (k × m)
     * @param b B (k × n), stored as b (k × n) or, when transB, as b (n × k)
     * @param c C (m × n)
     * @param p0 where along k to start: 0, or the start of a k block when the threads split k
     * @param p1 where along k to stop: k, or the end of a k block
     */
    static void compute(float[] a, boolean transA, float[] b, boolean transB, float[] c,
                        int m, int n, int k, int r0, int r1, int c0, int c1, int p0, int p1) {
        if (transB && !transA && DotProductKernel.suits(n, k)) {
            DotProductKernel.compute(a, b, c, n, k, r0, r1, c0, c1); // narrow C, long k: no packing at all
            return;
        }
        int rows = r0 + (r1 - r0) / MR * MR, cols = c0 + (c1 - c0) / NR * NR;
        // Only when there are whole tiles: otherwise the edges' two calls would pack the same B twice (the
        // nielsen network's 10×784·784×30 made its epochs 14% slower that way, 2026-12-02).
        if (readsBothInPlace(m, n, k, transA, transB) && p0 == 0 && p1 == k && rows > r0 && cols > c0) {
            computeWholeTilesInPlace(a, b, c, n, k, r0, rows, c0, cols);
            if (cols < c1) { // the right edge, then the bottom edge, through the blocked path
                computeBlocked(a, false, b, false, c, m, n, k, r0, rows, cols, c1, 0, k, false);
            }
            if (rows < r1) {
                computeBlocked(a, false, b, false, c, m, n, k, rows, r1, c0, c1, 0, k, false);
            }
            return;
        }
        if (swapsOperands(m, n, k, transA, transB) && isWholeProduct(m, n, k, r0, r1, c0, c1, p0, p1)) {
            // Cᵀ = b·aᵀ: b's rows become the tiles' rows, read in place, and a is what gets transposed.
            computeBlocked(b, false, a, true, c, n, m, k, c0, c1, r0, r1, p0, p1, true);
            return;
        }
        computeBlocked(a, transA, b, transB, c, m, n, k, r0, r1, c0, c1, p0, p1, false);
    }

    /**
     * Whether an a·bᵀ product computed on one thread is computed as Cᵀ = b·aᵀ. The blocked path must transpose
     * its right-hand operand into panels, one float at a time; swapped, that operand is a (m × k) instead of
     * b (n × k), and C's m·n floats are written transposed, one at a time too. So: when the floats saved,
     * (n − m)·k, outnumber those written, m·n. Each element is still the same fma sequence (x·y and y·x round
     * alike), so the bits do not change. The deep network's δ₁ = δ₂·W₂ᵀ, 128 × 256 · (512 × 256)ᵀ, took 254 µs
     * one way and 227 µs the other (2026-12-02). Not when the product is split: each core then transposes
     * only its own rows of b, which it wrote itself in the last optimizer step, and swapped it would read all of
     * a from the other core's cache; on two threads that product took 7% longer swapped.
     */
    static boolean swapsOperands(int m, int n, int k, boolean transA, boolean transB) {
        return transB && !transA && (long) (n - m) * k > (long) m * n;
    }

    /**
     * @return whether rows [r0, r1), columns [c0, c1) and depths [p0, p1) are all of an m×k·k×n product, that
     *         is, one thread computes it, unsplit: the condition under which {@link #swapsOperands} applies
     */
    static boolean isWholeProduct(int m, int n, int k, int r0, int r1, int c0, int c1, int p0, int p1) {
        return r1 - r0 == m && spansColumnsAndDepth(n, k, c0, c1, p0, p1);
    }

    /**
     * @return whether columns [c0, c1) and depths [p0, p1) are all of an m×k·k×n product: one thread computes
     *         the whole product or a share of its rows, the condition under which {@link #packsPlainA} applies
     */
    static boolean spansColumnsAndDepth(int n, int k, int c0, int c1, int p0, int p1) {
        return c1 - c0 == n && p1 - p0 == k;
    }

    /**
     * Whether {@link #computeBlocked} packs the panels of a plain (not transposed) a instead of reading its eight
     * rows in place, when one thread computes all of C's columns over all of k ({@link #spansColumnsAndDepth}):
     * with the eight-row tile, when C has more than {@value #B_IN_PLACE_MAX_ROWS} rows (b is packed) and at least
     * {@value #PACK_A_MIN_COLUMNS} columns, so that each packed panel is read by many column panels. The tile
     * then reads the eight values of one depth from one cache line instead of eight. On the Intel machine of
     * 2026-12-02 that took 128×784·784×512 from 866–936 to 786–860 µs and 128×512·512×256 from 286 to 274 µs.
     * A share of C's rows packs its own rows: 1024³ on two threads went from 8.7 to 7.9 ms (AMD, 2026-12-02).
     * With 4 column panels (the deep network's swapped δ·Wᵀ) packing lost 8%, and where two threads split
     * the columns or the depth of a product, each packing the same panels, the deep network's step was 2%
     * slower. Packing changes no bit.
     */
    static boolean packsPlainA(int m, int n, boolean transA) {
        return !transA && MR == EightRowTile.ROWS && n >= PACK_A_MIN_COLUMNS && m > B_IN_PLACE_MAX_ROWS;
    }

    /**
     * {@link #compute} in blocks of B packed for L2 and panels of A for L1 (the class comment's loops).
     *
     * @param transC whether C is stored transposed, element (i, j) at j·m + i ({@link #swapsOperands})
     */
    private static void computeBlocked(float[] a, boolean transA, float[] b, boolean transB, float[] c,
                                       int m, int n, int k, int r0, int r1, int c0, int c1, int p0, int p1,
                                       boolean transC) {
        Workspace ws = WORKSPACE.get();
        float[] ap = ws.a, bp = ws.b, tile = ws.tile, edge = ws.edge;
        int kcMax = kBlockLength(m, n, k, transA, transB);
        int ncMax = Math.max(NR, B_BLOCK / kcMax / NR * NR);
        boolean bInPlace = !transB && m <= B_IN_PLACE_MAX_ROWS;
        // A short transposed a is read where it is: the kc cache lines a tile reads stay in L1 while
        // the tile's row of B panels streams past; a long one is packed (see A_IN_PLACE_MAX_DEPTH).
        boolean transposedInPlace = transA && !A_PANEL_ROWS && kcMax <= A_IN_PLACE_MAX_DEPTH;
        // An a that is packed (a long transposed one, or a plain one, see packsPlainA) and that several
        // column blocks read is packed once, all of its k blocks, when that fits PACKED_A_MAX_FLOATS:
        // otherwise every column block would pack it again (four times at 1024³).
        int aBlock = (r1 - r0 + MR - 1) / MR * MR * packedRowStride(kcMax), depthBlocks = (p1 - p0 + kcMax - 1) / kcMax;
        boolean packPlainA = packsPlainA(m, n, transA) && spansColumnsAndDepth(n, k, c0, c1, p0, p1);
        boolean packedOnce = (transA && !transposedInPlace || packPlainA) && c1 - c0 > ncMax
                && (long) aBlock * depthBlocks <= PACKED_A_MAX_FLOATS;
        float[] packedA = packedOnce ? ws.packedA(aBlock * depthBlocks) : ap;
        for (int jc = c0; jc < c1; jc += ncMax) {
            int nc = Math.min(ncMax, c1 - jc);
            for (int pc = p0; pc < p1; pc += kcMax) {
                int kc = Math.min(kcMax, p1 - pc);
                boolean accumulate = pc > p0; // the first k block overwrites C, so C needs no clearing
                packB(b, transB, n, k, pc, kc, jc, nc, bp, bInPlace);
                int aBase = packedOnce ? (pc - p0) / kcMax * aBlock : 0; // this k block's rows of the packed a
                if (packedOnce && transA && jc == c0) {
                    packTransposedA(a, m, r0, r1 - r0, pc, kc, packedA, aBase);
                }
                for (int ir = r0; ir < r1; ir += MR) {
                    int mr = Math.min(MR, r1 - ir);
                    boolean aRows = !transA && mr == MR && !packPlainA;
                    // Where the tile reads A: rows of a in place (aRows), a transposed a in place, or a packed panel.
                    float[] as = ap;
                    int aOff = 0, aStep = MR;
                    if (transA && transposedInPlace && mr == MR) {
                        as = a;
                        aOff = pc * m + ir;
                        aStep = m;
                    } else if (transA && transposedInPlace) {
                        packTransposedA(a, m, ir, mr, pc, kc, ap, 0); // the bottom edge, zero-padded
                    } else if (packedOnce) {
                        as = packedA;
                        aOff = aBase + (ir - r0) * packedRowStride(kc);
                        if (!transA && jc == c0) { // a plain a: each panel as the first column block reaches it
                            packA(a, k, ir, mr, pc, kc, packedA, aOff);
                        }
                    } else if (transA) {
                        int group = (ir - r0) % (A_GROUP * MR);
                        if (group == 0) {
                            packTransposedA(a, m, ir, Math.min(A_GROUP * MR, r1 - ir), pc, kc, ap, 0);
                        }
                        aOff = group * packedRowStride(kc);
                    } else if (!aRows) {
                        packA(a, k, ir, mr, pc, kc, ap, 0);
                    }
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        boolean bRows = bInPlace && nr == NR;
                        int cOff = ir * n + jc + jr;
                        float[] bs = bRows ? b : bp;
                        int bOff = bRows ? pc * n + jc + jr : jr * kc, ldb = bRows ? n : NR;
                        // A whole tile of the first k block goes straight to C; any other tile goes to the
                        // small buffer first, and from there is copied into (or added to) C.
                        boolean whole = mr == MR && nr == NR, direct = whole && !accumulate && !transC;
                        float[] out = direct ? c : tile;
                        int outOff = direct ? cOff : 0, ldo = direct ? n : NR;
                        if (MR == SixRowTile.ROWS) {
                            // Rows of a plain a in place, or the rows of a packed panel.
                            SixRowTile.kernel(kc, aRows ? a : as, aRows ? ir * k + pc : aOff,
                                    aRows ? k : packedRowStride(kc), bs, bOff, ldb, out, outOff, ldo);
                        } else if (whole) {
                            if (aRows && bRows) {
                                EightRowTile.kernelRowsStrided(false, kc, a, ir * k + pc, k, b, bOff, n, out, outOff, ldo);
                            } else if (aRows && !transC && nc - jr - NR > 0 && nc - jr - NR <= L) {
                                // This panel and the narrow edge after it in one pass (see the kernel), then
                                // the edge's valid columns into C; the loop then skips the edge panel.
                                EightRowTile.kernelRowsPackedWithEdge(kc, a, ir * k + pc, k, bp, bOff, bOff + NR * kc,
                                        out, outOff, ldo, edge);
                                mergeTile(edge, c, cOff + NR, n, mr, nc - jr - NR, accumulate);
                                jr += NR;
                            } else if (aRows) {
                                EightRowTile.kernelRowsPacked(kc, a, ir * k + pc, k, bp, bOff, out, outOff, ldo);
                            } else if (bRows) {
                                EightRowTile.kernelPackedStrided(kc, as, aOff, aStep, b, bOff, n, out, outOff, ldo);
                            } else {
                                EightRowTile.kernelPackedPacked(kc, as, aOff, aStep, bp, bOff, out, outOff, ldo);
                            }
                        } else {
                            // Edge tile, outside the hot path: the same operands through variable strides (a partial
                            // panel of A or B is always packed, with zeros), then only the valid corner goes to C.
                            float[] ae = aRows ? a : as;
                            int aeOff = aRows ? ir * k + pc : aOff, ars = aRows ? k : 1, aps = aRows ? 1 : aStep;
                            if (nr <= L) {
                                EightRowTile.edge8x1(kc, ae, aeOff, ars, aps, bs, bOff, ldb, tile);
                            } else {
                                EightRowTile.edge8x2(kc, ae, aeOff, ars, aps, bs, bOff, ldb, tile);
                            }
                        }
                        if (transC) {
                            mergeTileTransposed(tile, c, ir, jc + jr, m, mr, nr, accumulate);
                        } else if (!direct) {
                            mergeTile(tile, c, cOff, n, mr, nr, accumulate);
                        }
                    }
                }
            }
        }
    }

    /**
     * The depth of a B block in {@link #computeWholeTilesInPlace}: k is cut into equal blocks no longer than
     * this. 64×784·784×128 took 142 µs in one pass, 125 µs in two blocks of 392 and 131 µs in four of 196
     * (JMH, 2026-12-01); 392 rows of b span 49 pages of 4 KiB, within the 64 entries of the first-level data TLB
     * of the machine measured, and 784 rows did not.
     */
    static final int IN_PLACE_BLOCK_DEPTH = 400;

    /**
     * Whether {@link #computeWholeTilesInPlace} computes the product's whole tiles: a plain a·b with few
     * rows, whose b is read in place, in one k block, on a machine with the eight-row tile.
     */
    static boolean readsBothInPlace(int m, int n, int k, boolean transA, boolean transB) {
        return !transA && !transB && m <= B_IN_PLACE_MAX_ROWS && MR == EightRowTile.ROWS
                && kBlocks(m, n, k, false, false) == 1;
    }

    /**
     * Rows [r0, r1) × columns [c0, c1) of C = a·b, in whole tiles, with a and b read in place. One column panel
     * at a time, and within it one block of depth at a time, every row tile passes over the same rows of b
     * while they are still close; each tile carries its sums from one block into the next through C
     * ({@link EightRowTile#kernelRowsStrided}), so the bits are those of one pass.
     */
    private static void computeWholeTilesInPlace(float[] a, float[] b, float[] c, int n, int k,
                                                 int r0, int r1, int c0, int c1) {
        int blocks = (k + IN_PLACE_BLOCK_DEPTH - 1) / IN_PLACE_BLOCK_DEPTH, depth = (k + blocks - 1) / blocks;
        for (int jr = c0; jr < c1; jr += NR) {
            for (int pc = 0; pc < k; pc += depth) {
                int kc = Math.min(depth, k - pc);
                for (int ir = r0; ir < r1; ir += MR) {
                    EightRowTile.kernelRowsStrided(pc > 0, kc, a, ir * k + pc, k, b, pc * n + jr, n, c, ir * n + jr, n);
                }
            }
        }
    }

    /**
     * Packs one panel of a plain a (m × k), rows [ir, ir+mr) × depth [pc, pc+kc), as A[ir+i][pc+p] at
     * p·MR + i (or i·(kc + A_ROW_PAD) + p, see {@link #A_PANEL_ROWS}), with rows past the edge set to zero. Only the
     * bottom edge needs this.
     */
    private static void packA(float[] a, int k, int ir, int mr, int pc, int kc, float[] ap, int apOff) {
        int rowStride = A_PANEL_ROWS ? packedRowStride(kc) : 1, depthStride = A_PANEL_ROWS ? 1 : MR;
        for (int i = 0; i < mr; i++) {
            int src = (ir + i) * k + pc;
            for (int p = 0; p < kc; p++) {
                ap[apOff + i * rowStride + p * depthStride] = a[src + p];
            }
        }
        for (int i = mr; i < MR; i++) {
            for (int p = 0; p < kc; p++) {
                ap[apOff + i * rowStride + p * depthStride] = 0f;
            }
        }
    }

    /**
     * Depths of a transposed a copied per pass by {@link #packTransposedA}: the rows of a that one pass reads stay
     * in L1 while every panel takes its part of them. At m = 1024 the 8 rows, 4 KiB apart, share one L1 set,
     * which 8 ways hold; passes of 16 depths took 1.1× as long, of 32 2.9×.
     */
    static final int TRANSPOSED_A_DEPTHS = 8;
    /**
     * Whether {@link #packTransposedA} moves the MR = 8 adjacent values of one depth as one {@link Lanes#HALF} vector
     * (half of an AVX-512 one, {@link Lanes#copyHalfRows}). Not where C2 does not compile
     * the half-width store ({@link Lanes#HALF_STORES_COMPILE}): on JDK 17 the vector version took 140 µs at
     * 64×784·784×128 instead of 78 with {@code System.arraycopy}. On JDK 25 the vectors were 10% faster than the copies.
     */
    private static final boolean PANEL_DEPTH_VECTORS = Lanes.HALF.length() == MR && Lanes.HALF_STORES_COMPILE;
    /**
     * Where half-width stores do not compile (JDK 17) but a vector holds 2·MR floats: {@link #packTransposedA} moves
     * two depths at once as one full vector, the lower half from depth p's row of a and the upper half from depth
     * p + 1's, joined by a blend. In a panel the two depths' MR values are adjacent, so one store writes both.
     */
    private static final boolean PANEL_DEPTH_PAIRS = !PANEL_DEPTH_VECTORS && SPECIES.length() == 2 * MR;
    /** The upper half of the lanes: the second depth of a pair ({@link #PANEL_DEPTH_PAIRS}). */
    private static final VectorMask<Float> SECOND_DEPTH = VectorMask.fromLong(SPECIES, -1L << MR);

    /**
     * Packs rows [ir, ir+rows) of A = aᵀ, with a (k × m), into consecutive panels of MR rows from apOff on: panel q
     * holds A[ir+q·MR+i][pc+p] = a[pc+p][ir+q·MR+i] at q·kc·MR + p·MR + i (or, row by row, at
     * (q·MR + i)·(kc + A_ROW_PAD) + p: see {@link #A_PANEL_ROWS}), rows past the edge set to zero.
     * The MR values for one p are adjacent in a already. A few depths at a time, for every panel, so that
     * the cache lines of a that they read are used whole before they leave L1: one depth for every panel
     * (the earlier order) wrote 128 panels 32 KiB apart at 1024³ and took 0.9 ms; one panel for every depth
     * read a page per depth; in passes of {@value #TRANSPOSED_A_DEPTHS} depths it takes 0.17 ms, and 64×784
     * takes about 5 µs instead of 16 (AMD Zen 5, JDK 25, 2026-12-02).
     */
    private static void packTransposedA(float[] a, int m, int ir, int rows, int pc, int kc, float[] ap, int apOff) {
        if (A_PANEL_ROWS) {
            packTransposedARows(a, m, ir, rows, pc, kc, ap, apOff);
            return;
        }
        int panels = rows / MR, panelSize = MR * packedRowStride(kc);
        for (int p0 = 0; p0 < kc; p0 += TRANSPOSED_A_DEPTHS) {
            int p1 = Math.min(kc, p0 + TRANSPOSED_A_DEPTHS);
            for (int q = 0; q < panels; q++) {
                int src = (pc + p0) * m + ir + q * MR, dst = apOff + q * panelSize + p0 * MR;
                if (PANEL_DEPTH_VECTORS) {
                    Lanes.copyHalfRows(a, src, m, ap, dst, MR, p1 - p0);
                    continue;
                }
                int p = p0;
                if (PANEL_DEPTH_PAIRS) {
                    // The first load reads MR floats past depth p's, so it needs them inside a.
                    for (; p + 1 < p1 && src + 2 * MR <= a.length; p += 2, src += 2 * m, dst += 2 * MR) {
                        FloatVector first = FloatVector.fromArray(SPECIES, a, src);
                        FloatVector second = FloatVector.fromArray(SPECIES, a, src + m - MR);
                        first.blend(second, SECOND_DEPTH).intoArray(ap, dst);
                    }
                }
                for (; p < p1; p++, src += m, dst += MR) {
                    System.arraycopy(a, src, ap, dst, MR);
                }
            }
        }
        int edge = rows - panels * MR;
        if (edge > 0) {
            int dst = apOff + panels * panelSize;
            for (int p = 0; p < kc; p++) {
                int src = (pc + p) * m + ir + panels * MR;
                for (int i = 0; i < MR; i++) {
                    ap[dst + p * MR + i] = i < edge ? a[src + i] : 0f;
                }
            }
        }
    }

    /**
     * {@link #packTransposedA} into row-by-row panels ({@link #A_PANEL_ROWS}, the six-row tile): each row of a panel
     * gathers one value per depth, m floats apart, so this is a transpose, done six rows at a time in passes of
     * {@value #TRANSPOSED_A_DEPTHS} depths. At 64×784 it took 24 µs instead of 44, at 1024×1024 0.64 ms instead
     * of 1.0 (AVX2 on the AMD machine, JDK 25, 2026-12-02).
     */
    private static void packTransposedARows(float[] a, int m, int ir, int rows, int pc, int kc, float[] ap, int apOff) {
        int rowStride = packedRowStride(kc), whole = rows / SixRowTile.ROWS * SixRowTile.ROWS;
        for (int p0 = 0; p0 < kc; p0 += TRANSPOSED_A_DEPTHS) {
            int p1 = Math.min(kc, p0 + TRANSPOSED_A_DEPTHS);
            for (int r = 0; r < whole; r += SixRowTile.ROWS) {
                int d0 = apOff + r * rowStride, d1 = d0 + rowStride, d2 = d1 + rowStride, d3 = d2 + rowStride,
                        d4 = d3 + rowStride, d5 = d4 + rowStride;
                int src = (pc + p0) * m + ir + r;
                for (int p = p0; p < p1; p++, src += m) {
                    ap[d0 + p] = a[src];
                    ap[d1 + p] = a[src + 1];
                    ap[d2 + p] = a[src + 2];
                    ap[d3 + p] = a[src + 3];
                    ap[d4 + p] = a[src + 4];
                    ap[d5 + p] = a[src + 5];
                }
            }
            for (int r = whole; r < rows; r++) {
                int dst = apOff + r * rowStride, src = (pc + p0) * m + ir + r;
                for (int p = p0; p < p1; p++, src += m) {
                    ap[dst + p] = a[src];
                }
            }
        }
        for (int r = rows, padded = (rows + MR - 1) / MR * MR; r < padded; r++) {
            Arrays.fill(ap, apOff + r * rowStride, apOff + r * rowStride + kc, 0f);
        }
    }

    /**
     * Packs depth [pc, pc+kc) × columns [jc, jc+nc) of B into panels NR wide: panel q holds B[pc+p][jc+q·NR+j]
     * at q·kc·NR + p·NR + j, with columns past the edge set to zero.
     */
    private static void packB(float[] b, boolean transB, int n, int k, int pc, int kc, int jc, int nc, float[] bp,
                              boolean edgeOnly) {
        for (int jr = edgeOnly ? nc - nc % NR : 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = jr * kc;
            if (transB) {
                // b is (n × k): column j of B is row j of b, contiguous along p. A whole panel is transposed
                // L rows × L depths at a time in registers (16 or 8 lanes); the depths past the last such tile,
                // the edge panel and 128-bit vectors float by float below.
                int pFrom = 0;
                if (TileTranspose.APPLIES && nr == NR) {
                    pFrom = kc - kc % TileTranspose.SIDE;
                    for (int half = 0; half < NR; half += TileTranspose.SIDE) {
                        int rows = (jc + jr + half) * k + pc;
                        for (int p0 = 0; p0 < pFrom; p0 += TileTranspose.SIDE) {
                            TileTranspose.transpose(b, rows + p0, k, bp, base + p0 * NR + half, NR);
                        }
                    }
                }
                // In tiles of TRANSPOSE_TILE values of p, so that the lines read from nr rows of b and the lines
                // written to the panel all stay in L1 (a whole panel column at a time would not).
                for (int p0 = pFrom; p0 < kc; p0 += TRANSPOSE_TILE) {
                    int p1 = Math.min(kc, p0 + TRANSPOSE_TILE);
                    for (int j = 0; j < nr; j++) {
                        int src = (jc + jr + j) * k + pc;
                        for (int p = p0; p < p1; p++) {
                            bp[base + p * NR + j] = b[src + p];
                        }
                    }
                    for (int j = nr; j < NR; j++) {
                        for (int p = p0; p < p1; p++) {
                            bp[base + p * NR + j] = 0f;
                        }
                    }
                }
            } else if (nr == NR) {
                for (int p = 0; p < kc; p++) {
                    int src = (pc + p) * n + jc + jr;
                    int dst = base + p * NR;
                    TYPED_ZERO.add(FloatVector.fromArray(SPECIES, b, src)).intoArray(bp, dst);
                    TYPED_ZERO.add(FloatVector.fromArray(SPECIES, b, src + L)).intoArray(bp, dst + L);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * NR;
                    System.arraycopy(b, (pc + p) * n + jc + jr, bp, dst, nr);
                    Arrays.fill(bp, dst + nr, dst + NR, 0f);
                }
            }
        }
    }

    /** c[i] += partial[i] for i in [from, to): the second k block added to the first, as {@link #mergeTile} adds it. */
    private static void addPartial(float[] c, float[] partial, int from, int to) {
        int i = from;
        for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += L) {
            FloatVector.fromArray(SPECIES, c, i).add(FloatVector.fromArray(SPECIES, partial, i)).intoArray(c, i);
        }
        for (; i < to; i++) {
            c[i] += partial[i];
        }
    }

    /**
     * {@link #mergeTile} into a C stored transposed: tile element (i, j) goes to (col0 + j)·ldc + row0 + i, so
     * each column of the tile is mr adjacent floats of C.
     */
    private static void mergeTileTransposed(float[] tile, float[] c, int row0, int col0, int ldc, int mr, int nr,
                                            boolean accumulate) {
        for (int j = 0; j < nr; j++) {
            int dst = (col0 + j) * ldc + row0;
            for (int i = 0; i < mr; i++) {
                float v = tile[i * NR + j];
                c[dst + i] = accumulate ? c[dst + i] + v : v;
            }
        }
    }

    /**
     * Copies the valid mr × nr corner of a tile into C, adding it to what is there after the first k block.
     * The copy is a plain array copy and the sum its own loop: a vector loaded once and then either stored or
     * added, depending on a branch inside the loop, is the shape that other kernels were seen to box.
     */
    private static void mergeTile(float[] tile, float[] c, int cOff, int ldc, int mr, int nr, boolean accumulate) {
        if (!accumulate) {
            for (int i = 0; i < mr; i++) {
                System.arraycopy(tile, i * NR, c, cOff + i * ldc, nr);
            }
        } else if (nr == NR) { // whole rows: two vectors each
            for (int i = 0; i < mr; i++) {
                for (int j = 0; j < NR; j += L) {
                    int ci = cOff + i * ldc + j;
                    FloatVector.fromArray(SPECIES, c, ci).add(FloatVector.fromArray(SPECIES, tile, i * NR + j))
                            .intoArray(c, ci);
                }
            }
        } else {
            for (int i = 0; i < mr; i++) {
                for (int j = 0; j < nr; j++) {
                    c[cOff + i * ldc + j] += tile[i * NR + j];
                }
            }
        }
    }
}
