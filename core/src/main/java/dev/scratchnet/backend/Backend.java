package dev.scratchnet.backend;

import dev.scratchnet.tensor.Tensor;
import java.util.function.IntConsumer;

/**
 * Every numeric kernel that training and inference need. The network code calls only these
 * methods, so a faster implementation (the {@code simd} module) replaces every hot loop at once.
 *
 * <p>Conventions for every method:
 * <ul>
 *   <li>The caller allocates the output; kernels never allocate.</li>
 *   <li>Shapes come from the tensors and are checked; a mismatch throws
 *       {@link IllegalArgumentException} with the shapes in the message.</li>
 *   <li>Each method says whether its output may be the same object as an input ("may alias").
 *       Matrix products never allow it.</li>
 * </ul>
 *
 * <p>Most kernels are one primitive each: the three matrix products of backprop, a column sum, an
 * element-wise product, and the window moves of convolution and pooling. A few are fused, because
 * fusing pays: bias + activation ({@link #addBiasActivate}, {@link #channelsToExamples}) and the
 * optimizer steps read and write each value once instead of once per primitive, and softmax
 * cross-entropy fused avoids log 0 and the division in ∂/∂p (the gradient is simply p − y).
 *
 * <p>{@link ScalarBackend} is the reference: each kernel there is a plain loop that states the math.
 * A backend that speeds up only some kernels extends {@link ForwardingBackend} and inherits the
 * rest. Implementations are thread-safe: one backend may serve several networks on several threads,
 * as long as they do not write the same tensors.
 */
public interface Backend {

    /**
     * Gradient kernels ({@link #activationBackward}, {@link #softmaxCrossEntropy},
     * {@link #meanSquaredError}) write 0 where a gradient's magnitude is below this. Such a value
     * cannot move a float weight, but its products fall into the subnormal range, where x86
     * arithmetic takes a slow microcode assist for each (figures in docs/benchmarks.md), and
     * confident softmax outputs produce them every step.
     */
    float TINY_GRADIENT = 1e-30f;

    /**
     * The smallest log-probability whose exponential the fused softmax cross-entropy gradient
     * computes; below it p is taken as e^−80 (about 2·10⁻³⁵, still a normal float), which the
     * {@link #TINY_GRADIENT} flush then turns into an exact 0.
     */
    float MIN_LOG_PROBABILITY = -80f;

    /**
     * In {@link #adamStep}, a gradient below this magnitude adds nothing to the second moment:
     * its square times (1 − β₂) would be subnormal. Its effect on the step was at most
     * η·10⁻¹⁵/ε anyway, which for the usual ε = 10⁻⁸ is below η·10⁻⁷.
     */
    float TINY_GRADIENT_TO_SQUARE = 1e-15f;

    /** @return the short name used to select this backend, for example {@code scalar} or {@code simd} */
    String name();

    /** @return how many threads a large kernel may use (1 for a single-threaded backend) */
    default int threads() {
        return 1;
    }

    /**
     * Runs {@code task.accept(i)} for i = 0 … count − 1, several at once on this backend's threads where
     * it has more than one, and returns when all have finished. Kernels that a task calls run on the
     * task's own thread. A layer uses it to give each thread whole groups of examples (their data stays in
     * that core's cache) instead of splitting every kernel of a group between the threads.
     *
     * <p>Tasks must write disjoint outputs, and none may depend on another's result, so the outcome is the
     * same whatever the order. The default runs them one after another, in order.
     *
     * @param count how many tasks
     * @param task the work for task i
     */
    default void parallelFor(int count, IntConsumer task) {
        for (int i = 0; i < count; i++) {
            task.accept(i);
        }
    }

    /**
     * Starts parts 0 … parts − 1 of {@code task} on a thread of this backend, which runs them whenever it has
     * nothing else to do, and returns at once; where there is no such thread (one thread, or a task is already
     * running ahead), runs them now, on the calling thread. The trainer gathers the next batch this way while
     * the current one is computed: the second thread of a two-thread backend copies its rows in the gaps
     * between the kernels it shares, and then the copy costs the step little or nothing.
     *
     * <p>The parts may run in any order, on either thread, so each must be independent of the others, and
     * none may touch anything the caller uses until {@link #awaitAhead} has returned. A kernel the caller
     * starts meanwhile still gets every thread; a share for the busy one waits for the part it is running.
     * The default runs them all now.
     *
     * @param parts how many parts, 0 or more
     * @param task the work for part i
     */
    default void runAhead(int parts, IntConsumer task) {
        for (int i = 0; i < parts; i++) {
            task.accept(i);
        }
    }

    /**
     * Finishes the task of the last {@link #runAhead}, if one is running: runs the parts not yet started
     * on the calling thread, waits for the others, and rethrows what a part threw. Returns at once when
     * there is none.
     */
    default void awaitAhead() {
    }

    /**
     * out = a · b, with a (m × k), b (k × n), out (m × n). Forward pass of a dense layer.
     * Out must not alias a or b.
     *
     * @param a left factor
     * @param b right factor
     * @param out receives the product
     */
    void matmul(Tensor a, Tensor b, Tensor out);

    /**
     * out = aᵀ · b, with a (k × m), b (k × n), out (m × n). Weight gradient: ∂L/∂W = xᵀ · g.
     * Out must not alias a or b.
     *
     * @param a left factor, used transposed
     * @param b right factor
     * @param out receives the product
     */
    void matmulTransposeA(Tensor a, Tensor b, Tensor out);

    /**
     * out = a · bᵀ, with a (m × k), b (n × k), out (m × n). Input gradient: ∂L/∂x = g · Wᵀ.
     * Out must not alias a or b.
     *
     * @param a left factor
     * @param b right factor, used transposed
     * @param out receives the product
     */
    void matmulTransposeB(Tensor a, Tensor b, Tensor out);

    /**
     * out = f(z + 1·bias): adds the (1 × n) bias to every row of z (m × n), then applies f.
     * Fused so the layer output goes through memory once. Out may alias z.
     *
     * @param z pre-activation values (m × n)
     * @param bias one value per column (1 × n)
     * @param f the activation
     * @param out receives f(z + bias) (m × n)
     */
    void addBiasActivate(Tensor z, Tensor bias, Activation f, Tensor out);

    /**
     * delta = gradOutput ⊙ f′, that is δ = ∂L/∂z = g ⊙ f′(z), where f′ is computed from the forward
     * output y = f(z); results below {@link #TINY_GRADIENT} in magnitude are written as 0. Delta may
     * alias gradOutput.
     *
     * @param f the activation used in the forward pass
     * @param output the forward output y (m × n)
     * @param gradOutput g = ∂L/∂y (m × n)
     * @param delta receives δ = ∂L/∂z (m × n)
     */
    void activationBackward(Activation f, Tensor output, Tensor gradOutput, Tensor delta);

    /**
     * out = 1ᵀ · a: the sum of each column over all rows, a (m × n), out (1 × n). Bias gradient.
     *
     * @param a the matrix to sum
     * @param out receives the column sums
     */
    void sumRows(Tensor a, Tensor out);

    /**
     * Row-wise softmax: out[i][j] = e^(z[i][j] − max_j z[i]) / Σ_j e^(z[i][j] − max_j z[i]).
     * Subtracting the row maximum keeps e^z from overflowing and does not change the result.
     * Out may alias logits.
     *
     * @param logits z (m × n)
     * @param out receives the probabilities (m × n)
     */
    void softmaxRows(Tensor logits, Tensor out);

    /**
     * Softmax followed by cross-entropy, fused: with p = softmax(z) row by row and targets y
     * (one-hot or any distribution per row), the loss is Σ_rows −Σ_j y_j log p_j and the gradient
     * written to gradLogits is (p − y) / m, the mean over the batch of m rows (below
     * {@link #TINY_GRADIENT} in magnitude written as 0; see also {@link #MIN_LOG_PROBABILITY}).
     * Fusing avoids log(0) and the division in ∂/∂p: log p_j = z_j − max − log Σ e^(z − max).
     * gradLogits may alias logits.
     *
     * @param logits z (m × n)
     * @param targets y (m × n), rows sum to 1
     * @param gradLogits receives ∂L/∂z for the mean loss (m × n)
     * @return the loss summed over the m rows (divide by m for the mean)
     */
    double softmaxCrossEntropy(Tensor logits, Tensor targets, Tensor gradLogits);

    /**
     * Quadratic loss: Σ_rows ½‖y − a‖², and its gradient for the mean over the batch,
     * (a − y) / m, written to gradPrediction (below {@link #TINY_GRADIENT} in magnitude written as 0).
     * gradPrediction may alias prediction.
     *
     * @param prediction a (m × n)
     * @param targets y (m × n)
     * @param gradPrediction receives ∂L/∂a (m × n)
     * @return the loss summed over the m rows (divide by m for the mean)
     */
    double meanSquaredError(Tensor prediction, Tensor targets, Tensor gradPrediction);

    /**
     * out = a ⊙ b, element by element. Out may alias a or b.
     *
     * @param a first factor
     * @param b second factor, same shape
     * @param out receives the product
     */
    void hadamard(Tensor a, Tensor b, Tensor out);

    /**
     * y = y + alpha · x, element by element.
     *
     * @param alpha the scale of x
     * @param x added to y
     * @param y updated in place
     */
    void axpy(float alpha, Tensor x, Tensor y);

    /**
     * Sets every element of t to value.
     *
     * @param t the tensor to fill
     * @param value the value
     */
    void fill(Tensor t, float value);

    /**
     * Plain gradient descent with L2 weight decay λ: w = w − η (g + λ w).
     *
     * @param param w, updated in place
     * @param grad g, same shape
     * @param learningRate η
     * @param weightDecay λ (0 for none)
     */
    void sgdStep(Tensor param, Tensor grad, float learningRate, float weightDecay);

    /**
     * Gradient descent with momentum μ, as PyTorch defines it: with g' = g + λ w,
     * v = μ v + g', then w = w − η v, or with Nesterov's look-ahead w = w − η (g' + μ v).
     * A velocity below {@link #TINY_GRADIENT} in magnitude is stored as 0, so a weight whose
     * gradient stopped does not decay through the slow subnormal range.
     *
     * @param param w, updated in place
     * @param grad g
     * @param velocity v, updated in place (start at zero)
     * @param learningRate η
     * @param momentum μ
     * @param weightDecay λ (0 for none)
     * @param nesterov whether to use Nesterov's look-ahead
     */
    void momentumStep(Tensor param, Tensor grad, Tensor velocity, float learningRate, float momentum,
                      float weightDecay, boolean nesterov);

    /**
     * Adam (Kingma and Ba, 2015), all in one pass: with g' = g + λ w,
     * m = β₁ m + (1 − β₁) g', v = β₂ v + (1 − β₂) g'², then
     * w = w − η · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε). Moments below {@link #TINY_GRADIENT}
     * are stored as 0, and g' below {@link #TINY_GRADIENT_TO_SQUARE} is not squared into v.
     *
     * @param param w, updated in place
     * @param grad g
     * @param firstMoment m, updated in place (start at zero)
     * @param secondMoment v, updated in place (start at zero)
     * @param learningRate η
     * @param beta1 β₁
     * @param beta2 β₂
     * @param epsilon ε
     * @param step t, the 1-based number of this update (for the bias correction)
     * @param weightDecay λ (0 for none)
     */
    void adamStep(Tensor param, Tensor grad, Tensor firstMoment, Tensor secondMoment, float learningRate,
                  float beta1, float beta2, float epsilon, long step, float weightDecay);

    // ---- Convolution and pooling (docs/backprop.md, "Convolution"). An image batch is (m × c·h·w): one
    // example per row, channel-major. A convolution runs as one matrix product over the whole batch in
    // the "channel rows" layout (c × m·P): row ci holds channel ci of every example, example after example.

    /**
     * im2col: lays every k × k window of the batch out as one column, so that a convolution becomes the
     * matrix product W · columns. Row r = (ci·k + ki)·k + kj, column b·P + oy·ow + ox holds
     * x_b[ci][oy·s + ki − p][ox·s + kj − p], or 0 where that falls in the padding.
     *
     * @param g the window geometry (c × h × w input, k, s, p)
     * @param input x (m × c·h·w)
     * @param columns receives the windows (c·k·k × m·P); must not alias input
     */
    void im2col(ConvGeometry g, Tensor input, Tensor columns);

    /**
     * col2im, the adjoint of {@link #im2col}: adds every column entry back onto the input position it was
     * copied from, so gradInput = Σ over windows covering a pixel of ∂L/∂columns. Overwrites gradInput.
     *
     * @param g the window geometry
     * @param columns ∂L/∂columns (c·k·k × m·P)
     * @param gradInput receives ∂L/∂x (m × c·h·w); must not alias columns
     */
    void col2im(ConvGeometry g, Tensor columns, Tensor gradInput);

    /**
     * The product of a convolution, moved from channel rows into example rows with the bias added per
     * channel and the activation applied: out[b][ci·P + q] = f(z[ci][b·P + q] + bias[ci]).
     *
     * @param z W · columns (c × m·P)
     * @param bias one value per channel (1 × c)
     * @param f the activation
     * @param out receives the layer output (m × c·P); must not alias z
     */
    void channelsToExamples(Tensor z, Tensor bias, Activation f, Tensor out);

    /**
     * The inverse move of {@link #channelsToExamples}, for the backward pass: channels[ci][b·P + q] =
     * examples[b][ci·P + q], and channelSums[ci] = Σ_b Σ_q examples[b][ci·P + q] (the bias gradient).
     *
     * @param examples δ in example rows (m × c·P)
     * @param channels receives δ in channel rows (c × m·P); must not alias examples
     * @param channelSums receives the sum of each channel (1 × c)
     */
    void examplesToChannels(Tensor examples, Tensor channels, Tensor channelSums);

    /**
     * Whether this backend runs a convolution of this geometry fastest from its definition, with
     * {@link #convolve} and {@link #convolutionGradients}, rather than as im2col and matrix products. A
     * layer with few taps (the course CNN's first, 1 × 5 × 5) has too little depth for the product to pay
     * for 25 copies of every image. The default is no: the reference backend teaches the products.
     *
     * @param g the geometry
     * @return whether the layer should call {@link #convolve} and {@link #convolutionGradients}
     */
    default boolean convolvesDirectly(ConvGeometry g) {
        return false;
    }

    /**
     * A convolution from its definition: y_b[f][oy][ox] = act(bias[f] + Σ_ci Σ_ki Σ_kj
     * W[f][(ci·k + ki)·k + kj] · x_b[ci][oy·s + ki − p][ox·s + kj − p]), padding reading 0: what im2col,
     * W · columns and {@link #channelsToExamples} compute, up to rounding, without the columns.
     *
     * @param g the geometry (c × h × w input, k, s, p)
     * @param input x (m × c·h·w)
     * @param weights W (F × c·k·k)
     * @param bias b (1 × F)
     * @param f the activation
     * @param output receives y (m × F·oh·ow); must not alias input
     */
    void convolve(ConvGeometry g, Tensor input, Tensor weights, Tensor bias, Activation f, Tensor output);

    /**
     * The gradients of a convolution's parameters from their definition: ∂L/∂W[f][(ci·k + ki)·k + kj] =
     * Σ_b Σ_oy Σ_ox δ_b[f][oy][ox] · x_b[ci][oy·s + ki − p][ox·s + kj − p] and ∂L/∂b[f] = Σ_b Σ_oy Σ_ox
     * δ_b[f][oy][ox]: the products δ·Xᵀ and the channel sums, without X. Overwrites both.
     *
     * @param g the geometry
     * @param input x of the forward pass (m × c·h·w)
     * @param delta δ = ∂L/∂z (m × F·oh·ow)
     * @param gradWeights receives ∂L/∂W (F × c·k·k)
     * @param gradBias receives ∂L/∂b (1 × F)
     */
    void convolutionGradients(ConvGeometry g, Tensor input, Tensor delta, Tensor gradWeights, Tensor gradBias);

    /**
     * Max-pooling: out_b[ci][oy][ox] = max over the k × k window at (oy·s − p, ox·s − p) of channel ci
     * (padding never wins), and argmax receives, for each output, the index within the example's row
     * (ci·h·w + iy·w + ix) of the first input that holds the maximum.
     *
     * @param g the window geometry (k is the pool window)
     * @param input x (m × c·h·w)
     * @param output receives the maxima (m × c·oh·ow); must not alias input
     * @param argmax receives the winners' indices, m·c·oh·ow of them, in output order
     */
    void maxPool(ConvGeometry g, Tensor input, Tensor output, int[] argmax);

    /**
     * Max-pooling backward: each output's gradient goes to the input that won its window, and nothing to
     * the others: gradInput_b[argmax_b(o)] += gradOutput_b[o] (a pixel that wins several overlapping
     * windows collects them all). Overwrites gradInput.
     *
     * @param g the window geometry of the forward pass
     * @param gradOutput ∂L/∂y (m × c·oh·ow)
     * @param argmax the indices {@link #maxPool} recorded
     * @param gradInput receives ∂L/∂x (m × c·h·w); must not alias gradOutput
     */
    void maxPoolBackward(ConvGeometry g, Tensor gradOutput, int[] argmax, Tensor gradInput);
}
