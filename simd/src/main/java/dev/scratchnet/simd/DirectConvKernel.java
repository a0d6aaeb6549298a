package dev.scratchnet.simd;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.backend.ConvGeometry;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A convolution computed from its definition, without im2col, for layers with few taps (c·k·k ≤
 * {@value #MAX_TAPS}) at stride 1: the first layer of the course CNN, 1 × 5 × 5 windows on 28 × 28
 * digits. There im2col writes 25 copies of every image and the product W·X (20 × 25 · 25 × m·576) has
 * too little depth to pay for them: both, and the move into example rows, are bound by memory, and made
 * most of that layer's time (docs/benchmarks.md).
 *
 * <p>Both passes read the image (padded to ph × pw when the layer pads) at an offset per tap: tap
 * t = (ci, ki, kj) of output (oy, ox) is padded[oy·pw + ox + offset(t)] with offset(t) = (ci·ph + ki)·pw
 * + kj, so for every tap the inputs of L neighbouring outputs of a row are one vector load.
 * <ul>
 *   <li>Forward, one output row at a time: y[f][oy][s … s + L) = f(b[f] + Σ_t W[f][t] ·
 *       padded[oy·pw + s + offset(t) …]) for vectors at s = 0, L, … and a last one at ow − L, over
 *       part of the one before (so rows must be at least L wide); a tile of 4 filters × 2 vectors in 8
 *       accumulators, stored straight into y.</li>
 *   <li>Gradient: ∂L/∂W[f][t] = Σ_b Σ_q δ[f][q] · padded_b[q + offset(t)] and ∂L/∂b[f] = Σ_b Σ_q δ[f][q],
 *       with positions numbered q = oy·pw + ox as if every output row were pw wide: then a vector of
 *       δ and the vector of inputs it multiplies are plain loads, whatever the row boundaries. The last
 *       pw − ow positions of each row are not outputs and get δ = 0. A tile of 2 filters × 5 taps in
 *       10 accumulators, one vector of positions at a time.</li>
 * </ul>
 * Lane i of an accumulator sums the positions q ≡ i (mod L) in order of example and q; the lanes are
 * then added in {@link Lanes#sum}'s fixed order. So the result depends only on the data and the vector
 * width. Each call runs on the calling thread: {@code Conv2d} hands groups of examples to the threads.
 */
final class DirectConvKernel {
    private static final VectorSpecies<Float> SPECIES = Lanes.SPECIES;
    private static final int L = SPECIES.length();
    private static final FloatVector TYPED_ZERO = Lanes.TYPED_ZERO;
    /** The most taps c·k·k this kernel takes: beyond it, im2col's product has the depth to be efficient. */
    static final int MAX_TAPS = 32;
    /** Filters per tile of the forward pass (each with 2 vectors of positions). */
    private static final int FORWARD_FILTERS = 4;
    /** Filters and taps per tile of the gradient: 10 accumulators, few enough for AVX2's 16 registers. */
    private static final int GRADIENT_FILTERS = 2, GRADIENT_TAPS = 5;

    /** Per thread: the padded image, tap offsets, weights, the rows of a partial tile, δ rows and the gradient's sums. */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private DirectConvKernel() {
    }

    /**
     * @param g a convolution's geometry
     * @return whether this kernel runs it: stride 1, at most {@value #MAX_TAPS} taps, and output rows at
     *         least a vector wide (their last vector is stored overlapping the one before)
     */
    static boolean suits(ConvGeometry g) {
        return g.stride() == 1 && g.patchSize() <= MAX_TAPS && g.outputWidth() >= L;
    }

    /**
     * y = f(W ⊛ x + b) for m examples.
     *
     * @param x the input (m × c·h·w)
     * @param w the filters (F × c·k·k)
     * @param bias b (F)
     * @param y receives the output (m × F·oh·ow)
     */
    static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, Activation f, float[] y, int m, int filters) {
        Workspace ws = WORKSPACE.get();
        Plan plan = ws.plan(g);
        int taps = g.patchSize(), tiles = (filters + FORWARD_FILTERS - 1) / FORWARD_FILTERS;
        int padded = tiles * FORWARD_FILTERS, positions = g.positions();
        int oh = g.outputHeight(), ow = g.outputWidth(), pw = plan.paddedWidth, rowVectors = (ow + L - 1) / L;
        // Weights tap-major, padded with zero filters to whole tiles: wt[t · F' + f] = W[f][t]; biases likewise.
        float[] wt = ws.floats(WEIGHTS, taps * padded), bp = ws.floats(BIASES, padded);
        Arrays.fill(wt, 0f);
        Arrays.fill(bp, 0f);
        for (int fi = 0; fi < filters; fi++) {
            for (int t = 0; t < taps; t++) {
                wt[t * padded + fi] = w[fi * taps + t];
            }
        }
        System.arraycopy(bias, 0, bp, 0, filters);
        // ReLU is applied in the tile, to the accumulators; other activations go over y afterwards.
        boolean relu = f == Activation.RELU, inTile = relu || f == Activation.IDENTITY;
        float[] rows = ws.floats(PARTIAL_ROWS, FORWARD_FILTERS * ow), lanes = Lanes.scratch();
        int[] offsets = ws.offsets;
        for (int b = 0; b < m; b++) {
            // Unpadded, the image is read in place: the last load ends on its last value (oh + k − 1 = h, ow + k − 1 = w).
            float[] image = x;
            int origin = b * g.inputSize();
            if (g.padding() > 0) {
                pad(g, x, b, ws.image, plan);
                image = ws.image;
                origin = 0;
            }
            int yBase = b * filters * positions;
            for (int tile = 0; tile < tiles; tile++) {
                int f0 = tile * FORWARD_FILTERS, real = Math.min(FORWARD_FILTERS, filters - f0);
                for (int oy = 0; oy < oh; oy++) {
                    // A tile of filters past the last writes its rows aside, and only the real ones are kept.
                    boolean whole = real == FORWARD_FILTERS;
                    float[] out = whole ? y : rows;
                    int at = whole ? yBase + f0 * positions + oy * ow : 0, stride = whole ? positions : ow;
                    for (int v = 0; v < rowVectors; v += 2) {
                        int s0 = Math.min(v * L, ow - L), s1 = Math.min((v + 1) * L, ow - L);
                        forwardTile(image, origin + oy * pw, offsets, taps, wt, padded, bp, f0, s0, s1, relu, out,
                                at, stride);
                    }
                    if (!whole) {
                        for (int fi = 0; fi < real; fi++) {
                            System.arraycopy(rows, fi * ow, y, yBase + (f0 + fi) * positions + oy * ow, ow);
                        }
                    }
                }
            }
            if (!inTile) {
                VectorBackend.activateInPlace(f, y, yBase, yBase + filters * positions, lanes);
            }
        }
    }

    /**
     * One row of outputs of filters f0…f0+3, at two vectors of it, starting at columns s0 and s1:
     * b[f] + every tap, and max(0, ·) of that when relu. Stores them at out[at + fi·stride + s].
     */
    private static void forwardTile(float[] image, int row, int[] offsets, int taps, float[] wt, int padded,
                                    float[] bias, int f0, int s0, int s1, boolean relu, float[] out, int at,
                                    int stride) {
        FloatVector a00 = FloatVector.broadcast(SPECIES, bias[f0]), a01 = a00;
        FloatVector a10 = FloatVector.broadcast(SPECIES, bias[f0 + 1]), a11 = a10;
        FloatVector a20 = FloatVector.broadcast(SPECIES, bias[f0 + 2]), a21 = a20;
        FloatVector a30 = FloatVector.broadcast(SPECIES, bias[f0 + 3]), a31 = a30;
        for (int t = 0; t < taps; t++) {
            int from = row + offsets[t], wi = t * padded + f0;
            FloatVector x0 = FloatVector.fromArray(SPECIES, image, from + s0);
            FloatVector x1 = FloatVector.fromArray(SPECIES, image, from + s1);
            FloatVector w0 = FloatVector.broadcast(SPECIES, wt[wi]);
            a00 = x0.fma(w0, a00);
            a01 = x1.fma(w0, a01);
            FloatVector w1 = FloatVector.broadcast(SPECIES, wt[wi + 1]);
            a10 = x0.fma(w1, a10);
            a11 = x1.fma(w1, a11);
            FloatVector w2 = FloatVector.broadcast(SPECIES, wt[wi + 2]);
            a20 = x0.fma(w2, a20);
            a21 = x1.fma(w2, a21);
            FloatVector w3 = FloatVector.broadcast(SPECIES, wt[wi + 3]);
            a30 = x0.fma(w3, a30);
            a31 = x1.fma(w3, a31);
        }
        if (relu) { // a blend, as VectorBackend's ReLU, to match the scalar z > 0 ? z : 0 bit for bit (−0, NaN)
            FloatVector zero = FloatVector.zero(SPECIES);
            a00 = zero.blend(a00, a00.compare(VectorOperators.GT, 0f));
            a01 = zero.blend(a01, a01.compare(VectorOperators.GT, 0f));
            a10 = zero.blend(a10, a10.compare(VectorOperators.GT, 0f));
            a11 = zero.blend(a11, a11.compare(VectorOperators.GT, 0f));
            a20 = zero.blend(a20, a20.compare(VectorOperators.GT, 0f));
            a21 = zero.blend(a21, a21.compare(VectorOperators.GT, 0f));
            a30 = zero.blend(a30, a30.compare(VectorOperators.GT, 0f));
            a31 = zero.blend(a31, a31.compare(VectorOperators.GT, 0f));
        }
        // Where s1 overlaps s0 (a row 1.5 vectors wide), both stores write the same values there.
        ((FloatVector) a00.check(SPECIES)).intoArray(out, at + s0);
        ((FloatVector) a01.check(SPECIES)).intoArray(out, at + s1);
        ((FloatVector) a10.check(SPECIES)).intoArray(out, at + stride + s0);
        ((FloatVector) a11.check(SPECIES)).intoArray(out, at + stride + s1);
        ((FloatVector) a20.check(SPECIES)).intoArray(out, at + 2 * stride + s0);
        ((FloatVector) a21.check(SPECIES)).intoArray(out, at + 2 * stride + s1);
        ((FloatVector) a30.check(SPECIES)).intoArray(out, at + 3 * stride + s0);
        ((FloatVector) a31.check(SPECIES)).intoArray(out, at + 3 * stride + s1);
    }

    /**
     * ∂L/∂W and ∂L/∂b of m examples, overwriting both.
     *
     * @param x the input of the forward pass (m × c·h·w)
     * @param delta δ = ∂L/∂z (m × F·oh·ow)
     * @param gradW receives ∂L/∂W (F × c·k·k)
     * @param gradB receives ∂L/∂b (F)
     */
    static void gradients(ConvGeometry g, float[] x, float[] delta, float[] gradW, float[] gradB, int m, int filters) {
        Workspace ws = WORKSPACE.get();
        Plan plan = ws.plan(g);
        int taps = g.patchSize(), positions = g.positions(), span = plan.span;
        // Whole tiles: an odd filter is paired with a zero δ, taps past the last read offset 0, and their
        // accumulators are dropped at the end.
        int filterSlots = (filters + GRADIENT_FILTERS - 1) / GRADIENT_FILTERS * GRADIENT_FILTERS;
        int tapSlots = (taps + GRADIENT_TAPS - 1) / GRADIENT_TAPS * GRADIENT_TAPS;
        float[] sums = ws.floats(SUMS, filterSlots * tapSlots * L), biasSums = ws.floats(BIAS_SUMS, filterSlots * (L + 1));
        float[] d = ws.deltaRows(g, filterSlots * span), image = ws.image;
        Arrays.fill(sums, 0f);
        Arrays.fill(biasSums, 0f);
        int biasTails = filterSlots * L, vectorPositions = SPECIES.loopBound(positions);
        int[] offsets = ws.offsets;
        for (int t = taps; t < tapSlots; t++) {
            offsets[t] = 0;
        }
        for (int b = 0; b < m; b++) {
            pad(g, x, b, image, plan);
            // Every filter's δ first, then the tiles: a tile reading rows just stored (each row's two
            // overlapping stores under one load) waited for the stores, and that took half the time.
            for (int fi = 0; fi < filterSlots; fi++) {
                if (fi < filters) {
                    int from = (b * filters + fi) * positions;
                    spread(delta, from, d, fi * span, plan, g);
                    // ∂L/∂b: lane sums of δ itself, and its last positions one by one
                    FloatVector sum = FloatVector.fromArray(SPECIES, biasSums, fi * L);
                    for (int q = 0; q < vectorPositions; q += L) {
                        sum = FloatVector.fromArray(SPECIES, delta, from + q).add(sum);
                    }
                    ((FloatVector) sum.check(SPECIES)).intoArray(biasSums, fi * L);
                    for (int q = vectorPositions; q < positions; q++) {
                        biasSums[biasTails + fi] += delta[from + q];
                    }
                }
            }
            for (int f0 = 0; f0 < filterSlots; f0 += GRADIENT_FILTERS) {
                for (int t0 = 0; t0 < tapSlots; t0 += GRADIENT_TAPS) {
                    gradientTile(image, offsets, t0, d, f0 * span, span, sums, (f0 * tapSlots + t0) * L, tapSlots * L);
                }
            }
        }
        for (int fi = 0; fi < filters; fi++) {
            for (int t = 0; t < taps; t++) {
                gradW[fi * taps + t] = Lanes.sum(sums, (fi * tapSlots + t) * L);
            }
            gradB[fi] = Lanes.sum(biasSums, fi * L) + biasSums[biasTails + fi];
        }
    }

    /**
     * d[to + oy·pw + ox] = δ[from + oy·ow + ox]. The positions that are not outputs are never written,
     * so they keep the zeros {@link Workspace#deltaRows} gave them.
     */
    private static void spread(float[] delta, int from, float[] d, int to, Plan plan, ConvGeometry g) {
        int oh = g.outputHeight(), ow = g.outputWidth(), pw = plan.paddedWidth;
        for (int oy = 0; oy < oh; oy++) { // a row's last vector overlaps the one before, as forward stores them
            int src = from + oy * ow, dst = to + oy * pw;
            for (int ox = 0; ox < ow; ox += L) {
                int at = Math.min(ox, ow - L);
                TYPED_ZERO.add(FloatVector.fromArray(SPECIES, delta, src + at)).intoArray(d, dst + at);
            }
        }
    }

    /**
     * Adds, for 2 filters (rows of d from dAt) × 5 taps t0…t0+4, Σ_q d[f][q] · image[q + offset(t)] into their lane sums:
     * sums[at + fi · filterStride + t · L].
     */
    private static void gradientTile(float[] image, int[] offsets, int t0, float[] d, int dAt, int span, float[] sums,
                                     int at, int filterStride) {
        int o0 = offsets[t0], o1 = offsets[t0 + 1], o2 = offsets[t0 + 2], o3 = offsets[t0 + 3], o4 = offsets[t0 + 4];
        int s1 = at + filterStride;
        FloatVector a00 = FloatVector.fromArray(SPECIES, sums, at), a01 = FloatVector.fromArray(SPECIES, sums, at + L);
        FloatVector a02 = FloatVector.fromArray(SPECIES, sums, at + 2 * L);
        FloatVector a03 = FloatVector.fromArray(SPECIES, sums, at + 3 * L);
        FloatVector a04 = FloatVector.fromArray(SPECIES, sums, at + 4 * L);
        FloatVector a10 = FloatVector.fromArray(SPECIES, sums, s1), a11 = FloatVector.fromArray(SPECIES, sums, s1 + L);
        FloatVector a12 = FloatVector.fromArray(SPECIES, sums, s1 + 2 * L);
        FloatVector a13 = FloatVector.fromArray(SPECIES, sums, s1 + 3 * L);
        FloatVector a14 = FloatVector.fromArray(SPECIES, sums, s1 + 4 * L);
        for (int q = 0; q < span; q += L) {
            FloatVector d0 = FloatVector.fromArray(SPECIES, d, dAt + q);
            FloatVector d1 = FloatVector.fromArray(SPECIES, d, dAt + span + q);
            FloatVector x = FloatVector.fromArray(SPECIES, image, q + o0);
            a00 = x.fma(d0, a00);
            a10 = x.fma(d1, a10);
            x = FloatVector.fromArray(SPECIES, image, q + o1);
            a01 = x.fma(d0, a01);
            a11 = x.fma(d1, a11);
            x = FloatVector.fromArray(SPECIES, image, q + o2);
            a02 = x.fma(d0, a02);
            a12 = x.fma(d1, a12);
            x = FloatVector.fromArray(SPECIES, image, q + o3);
            a03 = x.fma(d0, a03);
            a13 = x.fma(d1, a13);
            x = FloatVector.fromArray(SPECIES, image, q + o4);
            a04 = x.fma(d0, a04);
            a14 = x.fma(d1, a14);
        }
        ((FloatVector) a00.check(SPECIES)).intoArray(sums, at);
        ((FloatVector) a01.check(SPECIES)).intoArray(sums, at + L);
        ((FloatVector) a02.check(SPECIES)).intoArray(sums, at + 2 * L);
        ((FloatVector) a03.check(SPECIES)).intoArray(sums, at + 3 * L);
        ((FloatVector) a04.check(SPECIES)).intoArray(sums, at + 4 * L);
        ((FloatVector) a10.check(SPECIES)).intoArray(sums, s1);
        ((FloatVector) a11.check(SPECIES)).intoArray(sums, s1 + L);
        ((FloatVector) a12.check(SPECIES)).intoArray(sums, s1 + 2 * L);
        ((FloatVector) a13.check(SPECIES)).intoArray(sums, s1 + 3 * L);
        ((FloatVector) a14.check(SPECIES)).intoArray(sums, s1 + 4 * L);
    }

    /** Copies example b into the padded image: zeros around it, and zeros past it for the last loads. */
    private static void pad(ConvGeometry g, float[] x, int b, float[] image, Plan plan) {
        int c = g.channels(), h = g.height(), w = g.width(), p = g.padding();
        int ph = plan.paddedHeight, pw = plan.paddedWidth, from = b * g.inputSize();
        if (p == 0) {
            System.arraycopy(x, from, image, 0, c * h * w); // the padded image is the image itself
        } else {
            for (int ci = 0; ci < c; ci++) {
                for (int iy = 0; iy < h; iy++) {
                    System.arraycopy(x, from + (ci * h + iy) * w, image, (ci * ph + iy + p) * pw + p, w);
                }
            }
        }
    }

    /** The padded sizes and the span of positions computed, for one geometry; see {@link Workspace#plan}. */
    private static final class Plan {
        int paddedHeight;
        int paddedWidth;
        /** Positions the gradient runs over per filter: (oh − 1)·pw + ow, rounded up to whole vectors. */
        int span;
    }

    // The buffers of Workspace.floats: forward's weights, biases and partial-tile rows, the gradient's sums.
    private static final int WEIGHTS = 0, PARTIAL_ROWS = 1, SUMS = 2, BIAS_SUMS = 3, BIASES = 4, BUFFERS = 5;

    /** One thread's buffers, grown when a larger geometry comes and reused otherwise. */
    private static final class Workspace {
        final Plan plan = new Plan();
        /** The geometry whose zero border the image holds. */
        ConvGeometry planned;
        ConvGeometry deltaPlanned;
        int deltaSize;
        float[] deltaRows = new float[0];
        float[] image = new float[0];
        int[] offsets = new int[MAX_TAPS + GRADIENT_TAPS];
        final float[][] floats = new float[BUFFERS][0];

        /**
         * Sizes the padded image for g and computes the tap offsets and the gradient's span. The image's
         * border and the floats past it stay zero, since {@link #pad} writes only inside; a new geometry
         * clears it first.
         */
        Plan plan(ConvGeometry g) {
            int p = g.padding(), c = g.channels(), k = g.kernel(), step = L;
            plan.paddedHeight = g.height() + 2 * p;
            plan.paddedWidth = g.width() + 2 * p;
            int q = (g.outputHeight() - 1) * plan.paddedWidth + g.outputWidth();
            plan.span = (q + step - 1) / step * step;
            for (int ci = 0, t = 0; ci < c; ci++) {
                for (int ki = 0; ki < k; ki++) {
                    for (int kj = 0; kj < k; kj++) {
                        offsets[t++] = (ci * plan.paddedHeight + ki) * plan.paddedWidth + kj;
                    }
                }
            }
            if (!g.equals(planned)) {
                // The gradient's last load reads up to span − 1 + the largest offset, at most L − 1 past the
                // padded image (oh + k − 1 = ph and ow + k − 1 = pw at stride 1).
                int size = c * plan.paddedHeight * plan.paddedWidth + step;
                if (image.length < size) {
                    image = new float[size];
                } else {
                    Arrays.fill(image, 0f);
                }
                planned = g;
            }
            return plan;
        }

        /**
         * @return the rows of δ laid out as q numbers positions, n floats for geometry g, zero wherever
         *         {@link #spread} does not write (cleared when the geometry or the size changes)
         */
        float[] deltaRows(ConvGeometry g, int n) {
            if (!g.equals(deltaPlanned) || deltaSize != n) {
                if (deltaRows.length < n) {
                    deltaRows = new float[n];
                } else {
                    Arrays.fill(deltaRows, 0, n, 0f); // two direct layers in turn: no garbage per step
                }
                deltaPlanned = g;
                deltaSize = n;
            }
            return deltaRows;
        }

        /** @return buffer i (one of {@code WEIGHTS} … {@code BIASES}), at least n long */
        float[] floats(int i, int n) {
            if (floats[i].length < n) {
                floats[i] = new float[n];
            }
            return floats[i];
        }
    }
}
