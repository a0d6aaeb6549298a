#!/usr/bin/python3
"""Train one of the three reference MLPs on MNIST with NumPy only, backprop written out.

This is the program a course student writes after Nielsen's book or CS231n: float32
matrices, one matrix multiply per layer over the whole mini-batch, and the gradient
of every layer spelled out by hand. It exists to compare Scratchnet against; it is
not part of the Maven build.

Layout: a mini-batch is a matrix x of shape (batch, 784), one image per row, and a
layer computes z = x·W + b with W of shape (n_in, n_out) and b of shape (n_out,).
Backward, given delta = dL/dz:  dL/dW = xᵀ·delta,  dL/db = column sums of delta,
dL/dx = delta·Wᵀ.

Usage:  /usr/bin/python3 mnist_numpy.py --net nielsen --epochs 4 --threads 1 \
            --data /path/to/mnist --seed 1
"""

import time

import mnist_common

if __name__ == "__main__":
    # Before numpy is imported: OpenBLAS reads its thread count once, when it loads.
    args = mnist_common.parse_args(__doc__.splitlines()[0])
    mnist_common.configure_threads(args.threads)

import numpy as np  # noqa: E402  (must follow configure_threads)

NETWORKS = mnist_common.NETWORKS


def init_params(sizes, init, rng):
    """Nielsen's network.py draws every weight and bias from N(0, 1); the ReLU nets use
    He init N(0, 2/n_in), which keeps the activation variance steady through ReLUs."""
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        if init == "normal":
            w = rng.standard_normal((n_in, n_out))
            b = rng.standard_normal(n_out)
        else:
            w = rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)
            b = np.zeros(n_out)
        weights.append(w.astype(np.float32))
        biases.append(b.astype(np.float32))
    return weights, biases


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward(weights, biases, x, hidden):
    """Returns the activations of every layer (activations[0] is x) and the output
    layer's pre-activation z, which each cost turns into its own output."""
    activations = [x]
    a = x
    for w, b in zip(weights[:-1], biases[:-1]):
        z = a @ w + b
        a = sigmoid(z) if hidden == "sigmoid" else np.maximum(z, 0.0)
        activations.append(a)
    z_out = a @ weights[-1] + biases[-1]
    return activations, z_out


def cost_and_delta(z_out, labels, cost):
    """Mean loss over the batch and delta = dL/dz for the output layer (already divided
    by the batch size, so the gradients below are batch means)."""
    batch = z_out.shape[0]
    if cost == "sigmoid_quadratic":
        # C = (1/batch) Σ ½‖y − a‖², a = σ(z);  dC/dz = (a − y) ⊙ σ'(z) / batch, σ' = a(1 − a).
        a = sigmoid(z_out)
        y = np.zeros_like(a)
        y[np.arange(batch), labels] = 1.0
        diff = a - y
        loss = 0.5 * float(np.sum(diff * diff)) / batch
        return loss, diff * a * (1.0 - a) / np.float32(batch)
    # Softmax and cross-entropy fused: log-softmax from shifted logits never takes
    # log(0) or overflows exp, and dL/dz collapses to (p − onehot) / batch.
    shifted = z_out - z_out.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -float(log_p[np.arange(batch), labels].mean())
    delta = np.exp(log_p)
    delta[np.arange(batch), labels] -= 1.0
    return loss, delta / np.float32(batch)


def backward(weights, activations, delta, hidden):
    """Backprop from the output delta; returns (grad_weights, grad_biases) per layer."""
    grad_weights = [None] * len(weights)
    grad_biases = [None] * len(weights)
    for layer in range(len(weights) - 1, -1, -1):
        a_in = activations[layer]
        grad_weights[layer] = a_in.T @ delta
        grad_biases[layer] = delta.sum(axis=0)
        if layer > 0:
            delta = delta @ weights[layer].T
            # a_in is this hidden layer's output, so its derivative needs no stored z:
            # σ'(z) = a(1 − a), and ReLU'(z) = 1 exactly where a > 0.
            if hidden == "sigmoid":
                delta *= a_in * (1.0 - a_in)
            else:
                delta *= a_in > 0
    return grad_weights, grad_biases


class Sgd:
    """w ← w − η g."""

    def __init__(self, params, learning_rate):
        self.learning_rate = np.float32(learning_rate)

    def step(self, params, grads):
        for p, g in zip(params, grads):
            p -= self.learning_rate * g


class Momentum:
    """PyTorch's convention: v ← μ v + g;  w ← w − η v."""

    def __init__(self, params, learning_rate, momentum=0.9):
        self.learning_rate = np.float32(learning_rate)
        self.momentum = np.float32(momentum)
        self.velocity = [np.zeros_like(p) for p in params]

    def step(self, params, grads):
        for p, g, v in zip(params, grads, self.velocity):
            v *= self.momentum
            v += g
            p -= self.learning_rate * v


class Adam:
    """m ← β1 m + (1−β1) g;  v ← β2 v + (1−β2) g²;  w ← w − η m̂ / (√v̂ + ε),
    with the bias corrections m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ) (Kingma & Ba, as in PyTorch)."""

    def __init__(self, params, learning_rate, beta1=0.9, beta2=0.999, eps=1e-8):
        self.learning_rate, self.beta1, self.beta2, self.eps = learning_rate, beta1, beta2, eps
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.t = 0

    def step(self, params, grads):
        self.t += 1
        correction1 = 1.0 - self.beta1 ** self.t
        correction2 = 1.0 - self.beta2 ** self.t
        step_size = np.float32(self.learning_rate / correction1)
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m *= np.float32(self.beta1)
            m += np.float32(1.0 - self.beta1) * g
            v *= np.float32(self.beta2)
            v += np.float32(1.0 - self.beta2) * (g * g)
            p -= step_size * m / (np.sqrt(v / np.float32(correction2)) + np.float32(self.eps))


def make_optimizer(name, params, learning_rate):
    return {"sgd": Sgd, "momentum": Momentum, "adam": Adam}[name](params, learning_rate)


def accuracy(weights, biases, x, labels, hidden):
    # The output non-linearity (sigmoid or softmax) is monotonic, so argmax of z is the prediction.
    _, z_out = forward(weights, biases, x, hidden)
    return float(np.mean(z_out.argmax(axis=1) == labels))


def main(args):
    spec = NETWORKS[args.net]
    x_train, y_train, x_test, y_test = mnist_common.load_mnist(args.data)
    rng = np.random.default_rng(args.seed)
    weights, biases = init_params(spec["sizes"], spec["init"], rng)
    params = weights + biases
    optimizer = make_optimizer(spec["optimizer"], params, spec["learning_rate"])
    batch, hidden, cost = spec["batch"], spec["hidden"], spec["cost"]

    log = mnist_common.EpochLog(args.net, "numpy", args.threads, len(x_train), {
        "numpy": np.__version__, "batch": batch, "seed": args.seed,
        "blas": mnist_common.blas_report()})
    for _ in range(args.epochs):
        start, cpu_start = time.perf_counter(), time.process_time()
        order = rng.permutation(len(x_train))
        loss_sum = 0.0
        for first in range(0, len(x_train), batch):
            # The last batch may be short (60000 is not a multiple of 64 or 128); it is kept,
            # as PyTorch's DataLoader does by default.
            rows = order[first:first + batch]
            activations, z_out = forward(weights, biases, x_train[rows], hidden)
            loss, delta = cost_and_delta(z_out, y_train[rows], cost)
            grad_weights, grad_biases = backward(weights, activations, delta, hidden)
            optimizer.step(params, grad_weights + grad_biases)
            loss_sum += loss * len(rows)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
        log.epoch(seconds, cpu_seconds, loss_sum / len(x_train),
                  accuracy(weights, biases, x_test, y_test, hidden))
    log.summary()


if __name__ == "__main__":
    # Large negative z make exp(−z) overflow to inf in the sigmoid; 1/(1+inf) = 0 is the right
    # answer, so the warning is noise.
    with np.errstate(over="ignore"):
        main(args)
