package dev.scratchnet.backend;

import dev.scratchnet.tensor.Tensor;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * A backend that passes every kernel to another one, by default the {@link ScalarBackend} reference.
 * Extend it to speed up only some kernels and inherit the rest: a backend on a native BLAS, for
 * example, overrides the three matrix products ({@link #matmul}, {@link #matmulTransposeA},
 * {@link #matmulTransposeB}) and {@link #name()}, and nothing else.
 *
 * <p>Thread-safe when the delegate is and the overrides are.
 */
public abstract class ForwardingBackend implements Backend {
    private final Backend delegate;

    /** Forwards to a new {@link ScalarBackend}. */
    protected ForwardingBackend() {
        this(new ScalarBackend());
    }

    /**
     * Forwards to the given backend.
     *
     * @param delegate the backend that runs every kernel not overridden
     */
    protected ForwardingBackend(Backend delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** @return the backend that runs every kernel not overridden */
    protected final Backend delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public int threads() {
        return delegate.threads();
    }

    @Override
    public void parallelFor(int count, IntConsumer task) {
        delegate.parallelFor(count, task);
    }

    @Override
    public void runAhead(int parts, IntConsumer task) {
        delegate.runAhead(parts, task);
    }

    @Override
    public void awaitAhead() {
        delegate.awaitAhead();
    }

    @Override
    public void matmul(Tensor a, Tensor b, Tensor out) {
        delegate.matmul(a, b, out);
    }

    @Override
    public void matmulTransposeA(Tensor a, Tensor b, Tensor out) {
        delegate.matmulTransposeA(a, b, out);
    }

    @Override
    public void matmulTransposeB(Tensor a, Tensor b, Tensor out) {
        delegate.matmulTransposeB(a, b, out);
    }

    @Override
    public void addBiasActivate(Tensor z, Tensor bias, Activation f, Tensor out) {
        delegate.addBiasActivate(z, bias, f, out);
    }

    @Override
    public void activationBackward(Activation f, Tensor output, Tensor gradOutput, Tensor delta) {
        delegate.activationBackward(f, output, gradOutput, delta);
    }

    @Override
    public void sumRows(Tensor a, Tensor out) {
        delegate.sumRows(a, out);
    }

    @Override
    public void softmaxRows(Tensor logits, Tensor out) {
        delegate.softmaxRows(logits, out);
    }

    @Override
    public double softmaxCrossEntropy(Tensor logits, Tensor targets, Tensor gradLogits) {
        return delegate.softmaxCrossEntropy(logits, targets, gradLogits);
    }

    @Override
    public double meanSquaredError(Tensor prediction, Tensor targets, Tensor gradPrediction) {
        return delegate.meanSquaredError(prediction, targets, gradPrediction);
    }

    @Override
    public void hadamard(Tensor a, Tensor b, Tensor out) {
        delegate.hadamard(a, b, out);
    }

    @Override
    public void axpy(float alpha, Tensor x, Tensor y) {
        delegate.axpy(alpha, x, y);
    }

    @Override
    public void fill(Tensor t, float value) {
        delegate.fill(t, value);
    }

    @Override
    public void sgdStep(Tensor param, Tensor grad, float learningRate, float weightDecay) {
        delegate.sgdStep(param, grad, learningRate, weightDecay);
    }

    @Override
    public void momentumStep(Tensor param, Tensor grad, Tensor velocity, float learningRate, float momentum,
                             float weightDecay, boolean nesterov) {
        delegate.momentumStep(param, grad, velocity, learningRate, momentum, weightDecay, nesterov);
    }

    @Override
    public void adamStep(Tensor param, Tensor grad, Tensor firstMoment, Tensor secondMoment, float learningRate,
                         float beta1, float beta2, float epsilon, long step, float weightDecay) {
        delegate.adamStep(param, grad, firstMoment, secondMoment, learningRate, beta1, beta2, epsilon, step,
                weightDecay);
    }

    @Override
    public void im2col(ConvGeometry g, Tensor input, Tensor columns) {
        delegate.im2col(g, input, columns);
    }

    @Override
    public void col2im(ConvGeometry g, Tensor columns, Tensor gradInput) {
        delegate.col2im(g, columns, gradInput);
    }

    @Override
    public void channelsToExamples(Tensor z, Tensor bias, Activation f, Tensor out) {
        delegate.channelsToExamples(z, bias, f, out);
    }

    @Override
    public void examplesToChannels(Tensor examples, Tensor channels, Tensor channelSums) {
        delegate.examplesToChannels(examples, channels, channelSums);
    }

    @Override
    public boolean convolvesDirectly(ConvGeometry g) {
        return delegate.convolvesDirectly(g);
    }

    @Override
    public void convolve(ConvGeometry g, Tensor input, Tensor weights, Tensor bias, Activation f, Tensor output) {
        delegate.convolve(g, input, weights, bias, f, output);
    }

    @Override
    public void convolutionGradients(ConvGeometry g, Tensor input, Tensor delta, Tensor gradWeights, Tensor gradBias) {
        delegate.convolutionGradients(g, input, delta, gradWeights, gradBias);
    }

    @Override
    public void maxPool(ConvGeometry g, Tensor input, Tensor output, int[] argmax) {
        delegate.maxPool(g, input, output, argmax);
    }

    @Override
    public void maxPoolBackward(ConvGeometry g, Tensor gradOutput, int[] argmax, Tensor gradInput) {
        delegate.maxPoolBackward(g, gradOutput, argmax, gradInput);
    }
}
