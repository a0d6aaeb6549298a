package dev.scratchnet.backend;

import dev.scratchnet.tensor.Tensor;

/** Passes every kernel to a delegate; tests override one kernel to inject a fault. */
public class ForwardingBackend implements Backend {
    private final Backend delegate;

    /** @param delegate the backend that does the work */
    public ForwardingBackend(Backend delegate) {
        this.delegate = delegate;
    }

    @Override public String name() { return delegate.name(); }
    @Override public int threads() { return delegate.threads(); }
    @Override public void matmul(Tensor a, Tensor b, Tensor out) { delegate.matmul(a, b, out); }
    @Override public void matmulTransposeA(Tensor a, Tensor b, Tensor out) { delegate.matmulTransposeA(a, b, out); }
    @Override public void matmulTransposeB(Tensor a, Tensor b, Tensor out) { delegate.matmulTransposeB(a, b, out); }
    @Override public void addBiasActivate(Tensor z, Tensor bias, Activation f, Tensor out) { delegate.addBiasActivate(z, bias, f, out); }
    @Override public void activationBackward(Activation f, Tensor y, Tensor g, Tensor out) { delegate.activationBackward(f, y, g, out); }
    @Override public void sumRows(Tensor a, Tensor out) { delegate.sumRows(a, out); }
    @Override public void softmaxRows(Tensor z, Tensor out) { delegate.softmaxRows(z, out); }
    @Override public double softmaxCrossEntropy(Tensor z, Tensor y, Tensor g) { return delegate.softmaxCrossEntropy(z, y, g); }
    @Override public double meanSquaredError(Tensor a, Tensor y, Tensor g) { return delegate.meanSquaredError(a, y, g); }
    @Override public void hadamard(Tensor a, Tensor b, Tensor out) { delegate.hadamard(a, b, out); }
    @Override public void axpy(float alpha, Tensor x, Tensor y) { delegate.axpy(alpha, x, y); }
    @Override public void scale(float alpha, Tensor x) { delegate.scale(alpha, x); }
    @Override public void fill(Tensor t, float value) { delegate.fill(t, value); }
    @Override public void sgdStep(Tensor w, Tensor g, float lr, float wd) { delegate.sgdStep(w, g, lr, wd); }

    @Override
    public void momentumStep(Tensor w, Tensor g, Tensor v, float lr, float mu, float wd, boolean nesterov) {
        delegate.momentumStep(w, g, v, lr, mu, wd, nesterov);
    }

    @Override
    public void adamStep(Tensor w, Tensor g, Tensor m, Tensor v, float lr, float b1, float b2, float eps, long t,
                         float wd) {
        delegate.adamStep(w, g, m, v, lr, b1, b2, eps, t, wd);
    }

    @Override public void im2col(ConvGeometry g, Tensor x, Tensor cols) { delegate.im2col(g, x, cols); }
    @Override public void col2im(ConvGeometry g, Tensor cols, Tensor dx) { delegate.col2im(g, cols, dx); }
    @Override public void channelsToExamples(Tensor z, Tensor b, Activation f, Tensor out) { delegate.channelsToExamples(z, b, f, out); }
    @Override public void examplesToChannels(Tensor e, Tensor c, Tensor sums) { delegate.examplesToChannels(e, c, sums); }
    @Override public void maxPool(ConvGeometry g, Tensor x, Tensor y, int[] argmax) { delegate.maxPool(g, x, y, argmax); }
    @Override public void maxPoolBackward(ConvGeometry g, Tensor dy, int[] argmax, Tensor dx) { delegate.maxPoolBackward(g, dy, argmax, dx); }
}
