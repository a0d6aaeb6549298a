package dev.scratchnet.simd;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.ConvGeometry;
import java.util.Arrays;
import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The convolution and pooling kernels of {@link VectorBackend}: im2col, col2im, the moves between channel
 * rows and example rows, and max-pooling. Each follows its {@code ScalarBackend} twin; what differs is
 * the loop order (rows of the image copied as runs, with {@link System#arraycopy} or vectors, instead of
 * element by element) and the split across threads.
 *
 * <p>These are memory-bound moves, not arithmetic: the matrix products around them do the work. So the
 * aim is to touch each value once, in long unit-stride runs, and to keep both cores busy while the
 * products are not running. Work is split by examples of the batch (or, for the channel sums, by
 * channels), so every output element is computed by exactly one thread in the same order as on one
 * thread: results are the same bit for bit for any thread count.
 */
final class ConvKernels {
    private static final VectorSpecies<Float> SPECIES = Lanes.SPECIES;
    private static final VectorSpecies<Float> HALF = Lanes.HALF;
    private static final FloatVector TYPED_ZERO = Lanes.TYPED_ZERO;
    /**
     * Whether runs of half a vector use {@link #HALF}. Not where C2 does not compile the half-width store
     * ({@link Lanes#HALF_STORES_COMPILE}): on JDK 17 col2im got slower with it, while JDK 25 ran the second
     * layer's backward a fifth faster with it (docs/benchmarks.md).
     */
    private static final boolean HALF_RUNS = HALF != SPECIES && Lanes.HALF_STORES_COMPILE;
    /**
     * On JDK 17, runs of half a vector move as whole vectors instead ({@link #copyHalfRowsWide},
     * {@link #addHalfRowsWide}): element by element, the second layer's im2col and col2im made its
     * forward and backward pass about twice as slow as on JDK 25.
     */
    private static final boolean WIDE_HALF_RUNS = HALF != SPECIES && !HALF_RUNS && 2 * HALF.length() == SPECIES.length();
    /** The upper half of a vector's lanes. */
    private static final VectorMask<Float> UPPER_HALF = SPECIES.indexInRange(-HALF.length(), HALF.length());
    /** Below this many values moved, one thread does it all: a hand-off costs a few microseconds. */
    static final int PARALLEL_MIN_VALUES = 1 << 15;

    private static final int IM2COL = 0, COL2IM = 1, TO_EXAMPLES = 2, TO_CHANNELS = 3, POOL = 4, POOL_BACKWARD = 5;

    /** One reusable job per calling thread, so handing out work allocates nothing. */
    private static final ThreadLocal<Job> JOB = ThreadLocal.withInitial(Job::new);

    private ConvKernels() {
    }

    /** How many shares for {@code units} independent units that move {@code values} floats in all. */
    static int shares(int threads, int units, long values) {
        return threads == 1 || values < PARALLEL_MIN_VALUES ? 1 : Math.min(threads, units);
    }

    /** @return the first of {@code units} units that share {@code s} of {@code shares} owns */
    static int split(int units, int shares, int s) {
        return (int) ((long) units * s / shares);
    }

    private static void run(int kind, int units, long values, int threads, ConvGeometry g, float[] a, float[] b,
                            float[] c, int[] index, Activation f, int m) {
        int shares = shares(threads, units, values);
        if (shares == 1) {
            range(kind, g, a, b, c, index, f, m, 0, units);
            return;
        }
        Job job = JOB.get();
        job.set(kind, units, shares, g, a, b, c, index, f, m);
        try {
            WorkerPool.run(shares, job);
        } finally {
            job.clear();
        }
    }

    /** One kernel call split into shares of its units (examples, or channels for TO_CHANNELS). */
    private static final class Job implements IntConsumer {
        private int kind;
        private int units;
        private int shares;
        private ConvGeometry g;
        private float[] a;
        private float[] b;
        private float[] c;
        private int[] index;
        private Activation f;
        private int m;

        void set(int kind, int units, int shares, ConvGeometry g, float[] a, float[] b, float[] c, int[] index,
                 Activation f, int m) {
            this.kind = kind;
            this.units = units;
            this.shares = shares;
            this.g = g;
            this.a = a;
            this.b = b;
            this.c = c;
            this.index = index;
            this.f = f;
            this.m = m;
        }

        void clear() {
            g = null;
            a = b = c = null;
            index = null;
            f = null;
        }

        @Override
        public void accept(int s) {
            range(kind, g, a, b, c, index, f, m, split(units, shares, s), split(units, shares, s + 1));
        }
    }

    private static void range(int kind, ConvGeometry g, float[] a, float[] b, float[] c, int[] index, Activation f,
                              int m, int from, int to) {
        switch (kind) {
            case IM2COL -> im2colExamples(g, a, b, m, from, to);
            case COL2IM -> col2imExamples(g, a, b, m, from, to);
            case TO_EXAMPLES -> toExamples(a, b, c, f, m, from, to);
            case TO_CHANNELS -> toChannels(a, b, c, m, from, to);
            case POOL -> maxPoolExamples(g, a, b, index, from, to);
            case POOL_BACKWARD -> maxPoolBackwardExamples(g, a, index, b, from, to);
            default -> throw new IllegalStateException("unknown kernel " + kind);
        }
    }

    // ---- im2col and col2im ----

    static void im2col(ConvGeometry g, float[] x, float[] cols, int m, int threads) {
        run(IM2COL, m, (long) g.patchSize() * m * g.positions(), threads, g, x, cols, null, null, null, m);
    }

    static void col2im(ConvGeometry g, float[] cols, float[] dx, int m, int threads) {
        run(COL2IM, m, (long) g.patchSize() * m * g.positions(), threads, g, cols, dx, null, null, null, m);
    }

    /**
     * im2col for examples [from, to). For one row (ci, ki, kj) of the columns and one output row oy, the
     * window positions ox whose input column ix = ox·s + kj − p lies inside the image form one run
     * [oxFrom, oxTo); left and right of it is padding. At stride 1 the run is a contiguous copy.
     */
    private static void im2colExamples(ConvGeometry g, float[] x, float[] cols, int m, int from, int to) {
        int c = g.channels(), h = g.height(), w = g.width(), k = g.kernel(), s = g.stride(), pad = g.padding();
        int oh = g.outputHeight(), ow = g.outputWidth(), positions = g.positions(), inputSize = g.inputSize();
        int width = m * positions;
        for (int ci = 0; ci < c; ci++) {
            for (int ki = 0; ki < k; ki++) {
                for (int kj = 0; kj < k; kj++) {
                    int row = ((ci * k + ki) * k + kj) * width;
                    int oxFrom = firstInside(kj - pad, s), oxTo = Math.min(ow, lastInside(kj - pad, s, w) + 1);
                    // Without padding every run is a whole output row; half-vector rows go in one call.
                    boolean halfRuns = (HALF_RUNS || WIDE_HALF_RUNS) && s == 1 && pad == 0 && ow == HALF.length();
                    for (int b = from; b < to; b++) {
                        int src = b * inputSize + ci * h * w;
                        int dst = row + b * positions;
                        if (halfRuns) {
                            if (HALF_RUNS) {
                                Lanes.copyHalfRows(x, src + ki * w + kj, w, cols, dst, ow, oh);
                            } else {
                                copyHalfRowsWide(x, src + ki * w + kj, w, cols, dst, oh);
                            }
                            continue;
                        }
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * s + ki - pad;
                            int d = dst + oy * ow;
                            if (iy < 0 || iy >= h || oxFrom >= oxTo) {
                                Arrays.fill(cols, d, d + ow, 0f);
                                continue;
                            }
                            if (oxFrom > 0) {
                                Arrays.fill(cols, d, d + oxFrom, 0f);
                            }
                            int srcRow = src + iy * w + kj - pad;
                            if (s == 1) {
                                System.arraycopy(x, srcRow + oxFrom, cols, d + oxFrom, oxTo - oxFrom);
                            } else {
                                for (int ox = oxFrom; ox < oxTo; ox++) {
                                    cols[d + ox] = x[srcRow + ox * s];
                                }
                            }
                            if (oxTo < ow) {
                                Arrays.fill(cols, d + oxTo, d + ow, 0f);
                            }
                        }
                    }
                }
            }
        }
    }

    /** @return the first ox ≥ 0 with ox·s + offset ≥ 0 */
    private static int firstInside(int offset, int s) {
        return offset >= 0 ? 0 : (-offset + s - 1) / s;
    }

    /** @return the last ox with ox·s + offset ≤ w − 1 (may be negative when there is none) */
    private static int lastInside(int offset, int s, int w) {
        int room = w - 1 - offset;
        return room < 0 ? -1 : room / s;
    }

    /**
     * col2im for examples [from, to): the runs of {@link #im2colExamples}, added back. Each example's gradient
     * is cleared, then each (ci, ki, kj, oy) run is added onto an input row, with vectors at stride 1. Rows of
     * the columns are outermost, as in im2col, so the columns (megabytes for a batch) stream through once
     * in order; each example's gradient (kilobytes) stays in cache meanwhile.
     */
    private static void col2imExamples(ConvGeometry g, float[] cols, float[] dx, int m, int from, int to) {
        int c = g.channels(), h = g.height(), w = g.width(), k = g.kernel(), s = g.stride(), pad = g.padding();
        int oh = g.outputHeight(), ow = g.outputWidth(), positions = g.positions(), inputSize = g.inputSize();
        int width = m * positions;
        Arrays.fill(dx, from * inputSize, to * inputSize, 0f);
        for (int ci = 0; ci < c; ci++) {
            for (int ki = 0; ki < k; ki++) {
                for (int kj = 0; kj < k; kj++) {
                    int row = ((ci * k + ki) * k + kj) * width;
                    int oxFrom = firstInside(kj - pad, s), oxTo = Math.min(ow, lastInside(kj - pad, s, w) + 1);
                    if (oxFrom >= oxTo) {
                        continue;
                    }
                    boolean halfRuns = (HALF_RUNS || WIDE_HALF_RUNS) && s == 1 && oxTo - oxFrom == HALF.length();
                    for (int b = from; b < to; b++) {
                        int src = row + b * positions;
                        int dst = b * inputSize + ci * h * w;
                        if (halfRuns) {
                            int oyFrom = Math.max(0, pad - ki), oyTo = Math.min(oh, h + pad - ki);
                            int xOff = src + oyFrom * ow + oxFrom, yOff = dst + (oyFrom + ki - pad) * w + kj - pad + oxFrom;
                            if (HALF_RUNS) {
                                addHalfRows(cols, xOff, ow, dx, yOff, w, oyTo - oyFrom);
                            } else {
                                addHalfRowsWide(cols, xOff, ow, dx, yOff, w, oyTo - oyFrom, (b + 1) * inputSize);
                            }
                            continue;
                        }
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * s + ki - pad;
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            int srcRow = src + oy * ow;
                            int dstRow = dst + iy * w + kj - pad;
                            if (s == 1) {
                                addRun(cols, srcRow + oxFrom, dx, dstRow + oxFrom, oxTo - oxFrom);
                            } else {
                                for (int ox = oxFrom; ox < oxTo; ox++) {
                                    dx[dstRow + ox * s] += cols[srcRow + ox];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * For r in [0, rows): y[yOff + r·yStride + i] += x[xOff + r·xStride + i], i in [0, HALF lanes): runs of
     * exactly half a vector, such as the 8-wide rows of the course CNN's second layer under 16 lanes, which
     * would otherwise go element by element.
     */
    private static void addHalfRows(float[] x, int xOff, int xStride, float[] y, int yOff, int yStride, int rows) {
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * xStride, yi = yOff + r * yStride;
            FloatVector.fromArray(HALF, y, yi).lanewise(VectorOperators.ADD, FloatVector.fromArray(HALF, x, xi))
                    .intoArray(y, yi);
        }
    }

    /**
     * {@link Lanes#copyHalfRows} into rows of y exactly half a vector apart, with whole vectors: two rows of y
     * are one vector, its lower half loaded from row r of x and its upper half from row r + 1 (a load that
     * starts half a vector before it). One aligned store per two rows: storing each row as a whole vector
     * over the next one's place made every store straddle two cache lines, and im2col twice as slow as
     * on JDK 25. An odd last row is copied as it is.
     */
    private static void copyHalfRowsWide(float[] x, int xOff, int xStride, float[] y, int yOff, int rows) {
        int half = HALF.length(), r = 0;
        for (; r + 1 < rows; r += 2) {
            int xi = xOff + r * xStride, next = xi + xStride - half;
            if (xi + 2 * half <= x.length && next >= 0 && next + 2 * half <= x.length) {
                FloatVector lower = FloatVector.fromArray(SPECIES, x, xi);
                lower.blend(FloatVector.fromArray(SPECIES, x, next), UPPER_HALF).intoArray(y, yOff + r * half);
            } else {
                System.arraycopy(x, xi, y, yOff + r * half, half);
                System.arraycopy(x, xi + xStride, y, yOff + (r + 1) * half, half);
            }
        }
        if (r < rows) {
            System.arraycopy(x, xOff + r * xStride, y, yOff + r * half, half);
        }
    }

    /**
     * {@link #addHalfRows} with whole vectors: the upper half of x's vector is set to +0 first, so the
     * upper half of y's is stored back unchanged (y never holds −0: it starts at +0 and only sums come
     * in). Only values of y before {@code yEnd}, this example's own, are read and written. Even rows go
     * first, then odd ones: a row's load overlaps the store of the row before, and waiting for that store
     * made col2im twice as slow (1.5 against 0.77 ms a batch for the CNN's second layer on JDK 17).
     */
    private static void addHalfRowsWide(float[] x, int xOff, int xStride, float[] y, int yOff, int yStride, int rows,
                                        int yEnd) {
        int half = HALF.length();
        for (int i = 0; i < rows; i++) {
            int r = 2 * i < rows ? 2 * i : 2 * i - rows + (rows & 1 ^ 1); // even rows first, then odd
            int xi = xOff + r * xStride, yi = yOff + r * yStride;
            if (yi + 2 * half <= yEnd && xi + 2 * half <= x.length) {
                FloatVector lower = FloatVector.fromArray(SPECIES, x, xi).blend(0f, UPPER_HALF);
                FloatVector.fromArray(SPECIES, y, yi).add(lower).intoArray(y, yi);
            } else {
                addRun(x, xi, y, yi, half);
            }
        }
    }

    /** y[yOff + i] += x[xOff + i] for i in [0, n). */
    private static void addRun(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        int bound = SPECIES.loopBound(n);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, y, yOff + i).add(FloatVector.fromArray(SPECIES, x, xOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += x[xOff + i];
        }
    }

    // ---- moves between channel rows (c × m·P) and example rows (m × c·P) ----

    static void channelsToExamples(float[] z, float[] bias, Activation f, float[] out, int c, int m, int threads) {
        run(TO_EXAMPLES, m, (long) z.length, threads, null, z, bias, out, null, f, m);
    }

    static void examplesToChannels(float[] examples, float[] channels, float[] sums, int c, int m, int threads) {
        run(TO_CHANNELS, c, (long) examples.length, threads, null, examples, channels, sums, null, null, m);
    }

    /** out[b][ci·P + q] = f(z[ci][b·P + q] + bias[ci]) for examples [from, to). */
    private static void toExamples(float[] z, float[] bias, float[] out, Activation f, int m, int from, int to) {
        int c = bias.length, positions = z.length / (c * m);
        int rowLength = c * positions;
        float[] lanes = Lanes.scratch(); // this worker thread's own
        for (int b = from; b < to; b++) {
            int row = b * rowLength;
            for (int ci = 0; ci < c; ci++) {
                int src = (ci * m + b) * positions, dst = row + ci * positions;
                FloatVector biasV = FloatVector.broadcast(SPECIES, bias[ci]);
                int q = 0;
                for (int qBound = SPECIES.loopBound(positions); q < qBound; q += SPECIES.length()) {
                    FloatVector.fromArray(SPECIES, z, src + q).add(biasV).intoArray(out, dst + q);
                }
                for (; q < positions; q++) {
                    out[dst + q] = z[src + q] + bias[ci];
                }
            }
            // The whole example row at once: its length is a longer run than one channel's P.
            VectorBackend.activateInPlace(f, out, row, row + rowLength, lanes);
        }
    }

    /**
     * channels[ci][b·P + q] = examples[b][ci·P + q] and sums[ci] = Σ of channel ci, for channels [from, to).
     * Each run of P values is copied, then summed in vectors; the run sums add up in example order.
     */
    private static void toChannels(float[] examples, float[] channels, float[] sums, int m, int from, int to) {
        int c = sums.length, positions = examples.length / (c * m);
        float[] lanes = Lanes.scratch(); // this worker thread's own
        for (int ci = from; ci < to; ci++) {
            float sum = 0f;
            for (int b = 0; b < m; b++) {
                int src = (b * c + ci) * positions, dst = (ci * m + b) * positions;
                System.arraycopy(examples, src, channels, dst, positions);
                sum += sumRun(channels, dst, positions, lanes);
            }
            sums[ci] = sum;
        }
    }

    /**
     * @return x[off] + … + x[off + n − 1], in vector lanes added in {@link Lanes#sum}'s fixed order
     *         (the same compiled or not), then a scalar tail
     */
    private static float sumRun(float[] x, int off, int n, float[] lanes) {
        FloatVector sumV = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            sumV = FloatVector.fromArray(SPECIES, x, off + i).add(sumV);
        }
        TYPED_ZERO.add(sumV).intoArray(lanes, 0);
        float sum = Lanes.sum(lanes);
        for (; i < n; i++) {
            sum += x[off + i];
        }
        return sum;
    }

    // ---- max-pooling ----

    static void maxPool(ConvGeometry g, float[] x, float[] y, int[] argmax, int m, int threads) {
        run(POOL, m, (long) m * g.inputSize(), threads, g, x, y, null, argmax, null, m);
    }

    static void maxPoolBackward(ConvGeometry g, float[] dy, int[] argmax, float[] dx, int m, int threads) {
        run(POOL_BACKWARD, m, (long) m * g.inputSize(), threads, g, dy, dx, null, argmax, null, m);
    }

    /**
     * Max-pooling for examples [from, to). The common 2×2 window at stride 2 without padding goes to
     * {@link TwoByTwoPool}; other windows are clipped to the image once instead of testing every cell.
     * Comparisons are strict and in window order, so a tie goes to the first cell, as in the scalar code.
     */
    private static void maxPoolExamples(ConvGeometry g, float[] x, float[] y, int[] argmax, int from, int to) {
        if (TwoByTwoPool.suits(g)) {
            TwoByTwoPool.forward(g, x, y, argmax, from, to);
            return;
        }
        int c = g.channels(), h = g.height(), w = g.width(), k = g.kernel(), s = g.stride(), pad = g.padding();
        int oh = g.outputHeight(), ow = g.outputWidth(), inputSize = g.inputSize(), outputSize = c * oh * ow;
        for (int b = from; b < to; b++) {
            int in = b * inputSize;
            for (int ci = 0; ci < c; ci++) {
                for (int oy = 0; oy < oh; oy++) {
                    int o = b * outputSize + (ci * oh + oy) * ow;
                    int iyFrom = Math.max(0, oy * s - pad), iyTo = Math.min(h, oy * s - pad + k);
                    for (int ox = 0; ox < ow; ox++) {
                        int ixFrom = Math.max(0, ox * s - pad), ixTo = Math.min(w, ox * s - pad + k);
                        int win = (ci * h + iyFrom) * w + ixFrom;
                        float max = x[in + win];
                        for (int iy = iyFrom; iy < iyTo; iy++) {
                            int rowStart = (ci * h + iy) * w;
                            for (int ix = ixFrom; ix < ixTo; ix++) {
                                float v = x[in + rowStart + ix];
                                if (v > max) {
                                    max = v;
                                    win = rowStart + ix;
                                }
                            }
                        }
                        y[o + ox] = max;
                        argmax[o + ox] = win;
                    }
                }
            }
        }
    }

    /** gradInput = 0, then gradInput[b][argmax] += gradOutput[b], for examples [from, to). */
    private static void maxPoolBackwardExamples(ConvGeometry g, float[] dy, int[] argmax, float[] dx, int from, int to) {
        int inputSize = g.inputSize(), outputSize = g.channels() * g.positions();
        Arrays.fill(dx, from * inputSize, to * inputSize, 0f);
        for (int b = from; b < to; b++) {
            int in = b * inputSize, out = b * outputSize;
            for (int o = 0; o < outputSize; o++) {
                dx[in + argmax[out + o]] += dy[out + o];
            }
        }
    }
}
