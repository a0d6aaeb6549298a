/**
 * Scratchnet: neural networks from first principles, written to be read and fast enough to use.
 *
 * <p>The goal is a network whose every step of backpropagation a learner can follow in the code,
 * running on kernels fast enough for real work. Reading order:
 * <ol>
 *   <li>{@link dev.scratchnet.tensor.Tensor}: a row-major float matrix, the only data type;</li>
 *   <li>{@link dev.scratchnet.backend.Backend}: every numeric kernel, and
 *       {@link dev.scratchnet.backend.ScalarBackend}, their plain-loop reference;</li>
 *   <li>{@link dev.scratchnet.layer.Dense}: forward y = f(x·W + b) and the four backprop equations;</li>
 *   <li>{@link dev.scratchnet.backend.Activation}: the non-linearities and their derivatives;</li>
 *   <li>{@link dev.scratchnet.loss.SoftmaxCrossEntropy}: where backpropagation starts;</li>
 *   <li>{@link dev.scratchnet.model.Network}: layers forward, then backward in reverse;</li>
 *   <li>{@link dev.scratchnet.optim.Sgd} (then Momentum, Adam): the update step;</li>
 *   <li>{@link dev.scratchnet.model.Trainer}: epochs, mini-batches, evaluation;</li>
 *   <li>{@link dev.scratchnet.model.GradientCheck}: backprop verified against finite differences;</li>
 *   <li>{@link dev.scratchnet.layer.Conv2d} and {@link dev.scratchnet.layer.MaxPool2d}: the same equations
 *       for images, through im2col and the same matrix products.</li>
 * </ol>
 * The derivation, with the same symbols, is in docs/backprop.md.
 */
package dev.scratchnet;
