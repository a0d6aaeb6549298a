package dev.scratchnet.backend;

import dev.scratchnet.tensor.Tensor;
import java.util.Arrays;

/**
 * The reference backend: every kernel is a plain Java loop that spells out its math. Other
 * backends are tested against this one, and it is always available as the fallback.
 *
 * <p>The matrix products run their loops in i-k-j order: the innermost loop walks a row of b and a
 * row of out, both contiguous in memory, which is the one cache-friendly choice that keeps the
 * loops as simple as the formula. Stateless and thread-safe.
 */
public final class ScalarBackend implements Backend {

    /** The name this backend is selected by. */
    public static final String NAME = "scalar";

    /** Creates the scalar backend. */
    public ScalarBackend() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void matmul(Tensor a, Tensor b, Tensor out) {
        ShapeChecks.matmul("matmul", a, b, out);
        int m = a.rows(), k = a.cols(), n = b.cols();
        float[] av = a.data(), bv = b.data(), ov = out.data();
        Arrays.fill(ov, 0f);
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                float aip = av[i * k + p];
                for (int j = 0; j < n; j++) {
                    ov[i * n + j] += aip * bv[p * n + j];
                }
            }
        }
    }

    @Override
    public void matmulTransposeA(Tensor a, Tensor b, Tensor out) {
        ShapeChecks.matmulTransposeA("matmulTransposeA", a, b, out);
        int k = a.rows(), m = a.cols(), n = b.cols();
        float[] av = a.data(), bv = b.data(), ov = out.data();
        Arrays.fill(ov, 0f);
        // out[i][j] = Σ_p a[p][i] · b[p][j]; p outermost so both a and b are read row by row.
        for (int p = 0; p < k; p++) {
            for (int i = 0; i < m; i++) {
                float api = av[p * m + i];
                for (int j = 0; j < n; j++) {
                    ov[i * n + j] += api * bv[p * n + j];
                }
            }
        }
    }

    @Override
    public void matmulTransposeB(Tensor a, Tensor b, Tensor out) {
        ShapeChecks.matmulTransposeB("matmulTransposeB", a, b, out);
        int m = a.rows(), k = a.cols(), n = b.rows();
        float[] av = a.data(), bv = b.data(), ov = out.data();
        // out[i][j] = row i of a · row j of b: a dot product of two contiguous rows.
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += av[i * k + p] * bv[j * k + p];
                }
                ov[i * n + j] = sum;
            }
        }
    }

    @Override
    public void addBiasActivate(Tensor z, Tensor bias, Activation f, Tensor out) {
        ShapeChecks.sameShape("addBiasActivate", z, out);
        ShapeChecks.rowVector("addBiasActivate", z, bias);
        int m = z.rows(), n = z.cols();
        float[] zv = z.data(), bv = bias.data(), ov = out.data();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                ov[i * n + j] = f.apply(zv[i * n + j] + bv[j]);
            }
        }
    }

    @Override
    public void activationBackward(Activation f, Tensor output, Tensor gradOutput, Tensor delta) {
        ShapeChecks.sameShape("activationBackward", output, gradOutput, delta);
        float[] y = output.data(), g = gradOutput.data(), out = delta.data();
        for (int i = 0; i < y.length; i++) {
            out[i] = ScalarUpdates.flushTiny(g[i] * f.derivativeFromOutput(y[i]));
        }
    }

    @Override
    public void sumRows(Tensor a, Tensor out) {
        ShapeChecks.rowVector("sumRows", a, out);
        int m = a.rows(), n = a.cols();
        float[] av = a.data(), ov = out.data();
        Arrays.fill(ov, 0f);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                ov[j] += av[i * n + j];
            }
        }
    }

    @Override
    public void softmaxRows(Tensor logits, Tensor out) {
        ShapeChecks.sameShape("softmaxRows", logits, out);
        int m = logits.rows(), n = logits.cols();
        float[] z = logits.data(), p = out.data();
        for (int i = 0; i < m; i++) {
            int row = i * n;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, z[row + j]);
            }
            float sum = 0f;
            for (int j = 0; j < n; j++) {
                float e = (float) Math.exp(z[row + j] - max);
                p[row + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int j = 0; j < n; j++) {
                p[row + j] *= inv;
            }
        }
    }

    @Override
    public double softmaxCrossEntropy(Tensor logits, Tensor targets, Tensor gradLogits) {
        ShapeChecks.sameShape("softmaxCrossEntropy", logits, targets, gradLogits);
        int m = logits.rows(), n = logits.cols();
        float[] z = logits.data(), y = targets.data(), grad = gradLogits.data();
        float invBatch = 1f / m;
        double loss = 0;
        for (int i = 0; i < m; i++) {
            int row = i * n;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, z[row + j]);
            }
            float sum = 0f;
            for (int j = 0; j < n; j++) {
                sum += (float) Math.exp(z[row + j] - max);
            }
            float logSum = (float) Math.log(sum);
            for (int j = 0; j < n; j++) {
                float logP = z[row + j] - max - logSum;
                float yj = y[row + j];
                if (yj != 0f) {
                    loss -= yj * logP;
                }
                // ∂L/∂z_j = p_j − y_j: softmax and cross-entropy derivatives cancel into this.
                float p = (float) Math.exp(Math.max(logP, MIN_LOG_PROBABILITY));
                grad[row + j] = ScalarUpdates.flushTiny((p - yj) * invBatch);
            }
        }
        return loss;
    }

    @Override
    public double meanSquaredError(Tensor prediction, Tensor targets, Tensor gradPrediction) {
        ShapeChecks.sameShape("meanSquaredError", prediction, targets, gradPrediction);
        float[] a = prediction.data(), y = targets.data(), grad = gradPrediction.data();
        float invBatch = 1f / prediction.rows();
        double loss = 0;
        for (int i = 0; i < a.length; i++) {
            float diff = a[i] - y[i];
            loss += 0.5 * diff * diff;
            grad[i] = ScalarUpdates.flushTiny(diff * invBatch);
        }
        return loss;
    }

    @Override
    public void hadamard(Tensor a, Tensor b, Tensor out) {
        ShapeChecks.sameShape("hadamard", a, b, out);
        float[] av = a.data(), bv = b.data(), ov = out.data();
        for (int i = 0; i < ov.length; i++) {
            ov[i] = av[i] * bv[i];
        }
    }

    @Override
    public void axpy(float alpha, Tensor x, Tensor y) {
        ShapeChecks.sameShape("axpy", x, y);
        float[] xv = x.data(), yv = y.data();
        for (int i = 0; i < yv.length; i++) {
            yv[i] += alpha * xv[i];
        }
    }

    @Override
    public void fill(Tensor t, float value) {
        Arrays.fill(t.data(), value);
    }

    @Override
    public void sgdStep(Tensor param, Tensor grad, float learningRate, float weightDecay) {
        ShapeChecks.sameShape("sgdStep", param, grad);
        float[] w = param.data(), g = grad.data();
        for (int i = 0; i < w.length; i++) {
            w[i] -= learningRate * (g[i] + weightDecay * w[i]);
        }
    }

    @Override
    public void momentumStep(Tensor param, Tensor grad, Tensor velocity, float learningRate, float momentum,
                             float weightDecay, boolean nesterov) {
        ShapeChecks.sameShape("momentumStep", param, grad, velocity);
        float[] w = param.data(), g = grad.data(), v = velocity.data();
        ScalarUpdates.momentum(w, g, v, 0, w.length, learningRate, momentum, weightDecay, nesterov);
    }

    @Override
    public void adamStep(Tensor param, Tensor grad, Tensor firstMoment, Tensor secondMoment, float learningRate,
                         float beta1, float beta2, float epsilon, long step, float weightDecay) {
        ShapeChecks.sameShape("adamStep", param, grad, firstMoment, secondMoment);
        float[] w = param.data(), g = grad.data(), m = firstMoment.data(), v = secondMoment.data();
        // The bias corrections are the same for every element, so fold them into two scalars.
        float correction1 = (float) (1.0 / (1.0 - Math.pow(beta1, step)));
        float correction2 = (float) (1.0 / (1.0 - Math.pow(beta2, step)));
        ScalarUpdates.adam(w, g, m, v, 0, w.length, learningRate, beta1, beta2, epsilon, correction1, correction2,
                weightDecay);
    }

    @Override
    public void im2col(ConvGeometry g, Tensor input, Tensor columns) {
        ShapeChecks.im2col("im2col", g, input, columns);
        int m = input.rows(), c = g.channels(), h = g.height(), w = g.width();
        int k = g.kernel(), s = g.stride(), pad = g.padding();
        int oh = g.outputHeight(), ow = g.outputWidth(), positions = g.positions();
        int inputSize = g.inputSize(), width = m * positions;
        float[] x = input.data(), cols = columns.data();
        for (int ci = 0; ci < c; ci++) {
            for (int ki = 0; ki < k; ki++) {
                for (int kj = 0; kj < k; kj++) {
                    int row = ((ci * k + ki) * k + kj) * width;
                    for (int b = 0; b < m; b++) {
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * s + ki - pad;
                            for (int ox = 0; ox < ow; ox++) {
                                int ix = ox * s + kj - pad;
                                boolean inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
                                cols[row + b * positions + oy * ow + ox] =
                                        inside ? x[b * inputSize + (ci * h + iy) * w + ix] : 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void col2im(ConvGeometry g, Tensor columns, Tensor gradInput) {
        ShapeChecks.im2col("col2im", g, gradInput, columns);
        int m = gradInput.rows(), c = g.channels(), h = g.height(), w = g.width();
        int k = g.kernel(), s = g.stride(), pad = g.padding();
        int oh = g.outputHeight(), ow = g.outputWidth(), positions = g.positions();
        int inputSize = g.inputSize(), width = m * positions;
        float[] cols = columns.data(), dx = gradInput.data();
        Arrays.fill(dx, 0f);
        // The same walk as im2col, with the copy reversed into a sum: a pixel under several windows
        // receives the gradient of each.
        for (int ci = 0; ci < c; ci++) {
            for (int ki = 0; ki < k; ki++) {
                for (int kj = 0; kj < k; kj++) {
                    int row = ((ci * k + ki) * k + kj) * width;
                    for (int b = 0; b < m; b++) {
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * s + ki - pad;
                            for (int ox = 0; ox < ow; ox++) {
                                int ix = ox * s + kj - pad;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                    dx[b * inputSize + (ci * h + iy) * w + ix] += cols[row + b * positions + oy * ow + ox];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void channelsToExamples(Tensor z, Tensor bias, Activation f, Tensor out) {
        ShapeChecks.channels("channelsToExamples", z, out, bias);
        int c = z.rows(), m = out.rows(), positions = z.cols() / m;
        float[] zv = z.data(), bv = bias.data(), ov = out.data();
        for (int b = 0; b < m; b++) {
            for (int ci = 0; ci < c; ci++) {
                for (int q = 0; q < positions; q++) {
                    ov[(b * c + ci) * positions + q] = f.apply(zv[(ci * m + b) * positions + q] + bv[ci]);
                }
            }
        }
    }

    @Override
    public void examplesToChannels(Tensor examples, Tensor channels, Tensor channelSums) {
        ShapeChecks.channels("examplesToChannels", channels, examples, channelSums);
        int c = channels.rows(), m = examples.rows(), positions = channels.cols() / m;
        float[] ev = examples.data(), cv = channels.data(), sums = channelSums.data();
        for (int ci = 0; ci < c; ci++) {
            float sum = 0f;
            for (int b = 0; b < m; b++) {
                for (int q = 0; q < positions; q++) {
                    float v = ev[(b * c + ci) * positions + q];
                    cv[(ci * m + b) * positions + q] = v;
                    sum += v;
                }
            }
            sums[ci] = sum;
        }
    }

    @Override
    public void convolve(ConvGeometry g, Tensor input, Tensor weights, Tensor bias, Activation f, Tensor output) {
        ShapeChecks.convolution("convolve", g, input, weights, bias, output);
        int m = input.rows(), filters = weights.rows(), taps = g.patchSize(), positions = g.positions();
        int ow = g.outputWidth();
        float[] x = input.data(), w = weights.data(), b = bias.data(), y = output.data();
        for (int e = 0; e < m; e++) {
            for (int fi = 0; fi < filters; fi++) {
                for (int q = 0; q < positions; q++) {
                    // Taps in im2col's row order, after the bias: the last bits may differ from W · columns + b.
                    float z = b[fi];
                    for (int t = 0; t < taps; t++) {
                        z += w[fi * taps + t] * tapInput(g, x, e, t, q / ow, q % ow);
                    }
                    y[(e * filters + fi) * positions + q] = f.apply(z);
                }
            }
        }
    }

    @Override
    public void convolutionGradients(ConvGeometry g, Tensor input, Tensor delta, Tensor gradWeights, Tensor gradBias) {
        ShapeChecks.convolution("convolutionGradients", g, input, gradWeights, gradBias, delta);
        int m = input.rows(), filters = gradWeights.rows(), taps = g.patchSize(), positions = g.positions();
        int ow = g.outputWidth();
        float[] x = input.data(), d = delta.data(), gw = gradWeights.data(), gb = gradBias.data();
        for (int fi = 0; fi < filters; fi++) {
            float biasSum = 0f;
            for (int e = 0; e < m; e++) {
                for (int q = 0; q < positions; q++) {
                    biasSum += d[(e * filters + fi) * positions + q];
                }
            }
            gb[fi] = biasSum;
            for (int t = 0; t < taps; t++) {
                float sum = 0f;
                for (int e = 0; e < m; e++) {
                    for (int q = 0; q < positions; q++) {
                        sum += d[(e * filters + fi) * positions + q] * tapInput(g, x, e, t, q / ow, q % ow);
                    }
                }
                gw[fi * taps + t] = sum;
            }
        }
    }

    /** @return the input tap t = (ci·k + ki)·k + kj of example e sees at output (oy, ox), or 0 in the padding */
    private static float tapInput(ConvGeometry g, float[] x, int e, int t, int oy, int ox) {
        int k = g.kernel(), ci = t / (k * k), ki = t / k % k, kj = t % k;
        int iy = oy * g.stride() + ki - g.padding(), ix = ox * g.stride() + kj - g.padding();
        if (iy < 0 || iy >= g.height() || ix < 0 || ix >= g.width()) {
            return 0f;
        }
        return x[e * g.inputSize() + (ci * g.height() + iy) * g.width() + ix];
    }

    @Override
    public void maxPool(ConvGeometry g, Tensor input, Tensor output, int[] argmax) {
        ShapeChecks.maxPool("maxPool", g, input, output, argmax);
        int m = input.rows(), c = g.channels(), h = g.height(), w = g.width();
        int k = g.kernel(), s = g.stride(), pad = g.padding();
        int oh = g.outputHeight(), ow = g.outputWidth();
        int inputSize = g.inputSize(), outputSize = c * oh * ow;
        float[] x = input.data(), y = output.data();
        for (int b = 0; b < m; b++) {
            for (int ci = 0; ci < c; ci++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        float max = Float.NEGATIVE_INFINITY;
                        int winner = -1;
                        for (int ki = 0; ki < k; ki++) {
                            int iy = oy * s + ki - pad;
                            for (int kj = 0; kj < k; kj++) {
                                int ix = ox * s + kj - pad;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                    int index = (ci * h + iy) * w + ix;
                                    float v = x[b * inputSize + index];
                                    if (winner < 0 || v > max) {
                                        max = v;
                                        winner = index;
                                    }
                                }
                            }
                        }
                        int o = (ci * oh + oy) * ow + ox;
                        y[b * outputSize + o] = max;
                        argmax[b * outputSize + o] = winner;
                    }
                }
            }
        }
    }

    @Override
    public void maxPoolBackward(ConvGeometry g, Tensor gradOutput, int[] argmax, Tensor gradInput) {
        ShapeChecks.maxPool("maxPoolBackward", g, gradInput, gradOutput, argmax);
        int m = gradInput.rows(), inputSize = g.inputSize(), outputSize = gradOutput.cols();
        float[] dy = gradOutput.data(), dx = gradInput.data();
        Arrays.fill(dx, 0f);
        for (int b = 0; b < m; b++) {
            for (int o = 0; o < outputSize; o++) {
                dx[b * inputSize + argmax[b * outputSize + o]] += dy[b * outputSize + o];
            }
        }
    }
}
