package dev.scratchnet.data;

/**
 * Resizes one image plane, one axis at a time (separable), so each axis is a 1-D weighted sum:
 * {@code out[o] = Σᵢ w(o, i) · in[i]}.
 *
 * <ul>
 *   <li>Shrinking an axis uses <b>area averaging</b>: output pixel o covers source interval
 *       [o·s, (o+1)·s) with s = src/dst, and each source pixel counts by how much of it lies inside.
 *       Every source pixel contributes, so thin strokes survive and there is no aliasing (OpenCV's
 *       {@code INTER_AREA}).</li>
 *   <li>Growing an axis uses <b>bilinear</b> interpolation with pixel centres aligned: output pixel o
 *       samples source position x = (o + ½)·src/dst − ½, clamped to the edge pixels, as
 *       {@code (1−f)·in[⌊x⌋] + f·in[⌊x⌋+1]} with f = x − ⌊x⌋.</li>
 *   <li>An axis of the same size is copied unchanged, so pictures already at the size keep exact
 *       values.</li>
 * </ul>
 */
final class Resampler {
    private Resampler() {
    }

    /**
     * @param plane one channel, srcHeight × srcWidth, row-major
     * @return the channel resized to dstHeight × dstWidth, row-major; {@code plane} itself if the size is equal
     */
    static float[] resize(float[] plane, int srcHeight, int srcWidth, int dstHeight, int dstWidth) {
        float[] rows = plane;
        if (dstWidth != srcWidth) {
            Weights w = Weights.of(srcWidth, dstWidth);
            rows = new float[srcHeight * dstWidth];
            for (int y = 0; y < srcHeight; y++) {
                w.apply(plane, y * srcWidth, 1, rows, y * dstWidth, 1);
            }
        }
        if (dstHeight == srcHeight) {
            return rows;
        }
        Weights h = Weights.of(srcHeight, dstHeight);
        float[] out = new float[dstHeight * dstWidth];
        for (int x = 0; x < dstWidth; x++) {
            h.apply(rows, x, dstWidth, out, x, dstWidth);
        }
        return out;
    }

    /** For each output pixel, the first source pixel it reads, how many, and their weights. */
    private record Weights(int[] first, int[] count, float[][] weight) {
        static Weights of(int src, int dst) {
            int[] first = new int[dst];
            int[] count = new int[dst];
            float[][] weight = new float[dst][];
            double scale = (double) src / dst;
            for (int o = 0; o < dst; o++) {
                if (dst < src) {
                    double from = o * scale;
                    double to = (o + 1) * scale;
                    int i0 = (int) Math.floor(from);
                    int i1 = Math.min(src, (int) Math.ceil(to));
                    first[o] = i0;
                    count[o] = i1 - i0;
                    weight[o] = new float[i1 - i0];
                    for (int i = i0; i < i1; i++) {
                        double overlap = Math.min(to, i + 1) - Math.max(from, i);
                        weight[o][i - i0] = (float) (overlap / scale);
                    }
                } else {
                    double x = Math.min(src - 1, Math.max(0, (o + 0.5) * scale - 0.5));
                    int i0 = (int) Math.floor(x);
                    float f = (float) (x - i0);
                    first[o] = i0;
                    count[o] = i0 + 1 < src ? 2 : 1;
                    weight[o] = count[o] == 2 ? new float[] {1 - f, f} : new float[] {1};
                }
            }
            return new Weights(first, count, weight);
        }

        /** out[outStart + o·outStride] = Σ weight · in[inStart + i·inStride]. */
        void apply(float[] in, int inStart, int inStride, float[] out, int outStart, int outStride) {
            for (int o = 0; o < first.length; o++) {
                float sum = 0f;
                for (int k = 0; k < count[o]; k++) {
                    sum += weight[o][k] * in[inStart + (first[o] + k) * inStride];
                }
                out[outStart + o * outStride] = sum;
            }
        }
    }
}
