#!/usr/bin/python3
"""Checks that the two reference scripts compute the same thing.

For each network it builds the NumPy parameters, copies them into the PyTorch model,
then runs a few training steps on the same random mini-batches in both and compares
the loss, the hand-written gradients against autograd, and the parameters after each
optimizer step. Exits non-zero on the first mismatch.

Needs no MNIST files: inputs are uniform in [0,1) like scaled pixels.

Usage:  /usr/bin/python3 check_against_torch.py
"""

import sys

import mnist_common

mnist_common.configure_threads(1)

import numpy as np  # noqa: E402
import torch  # noqa: E402

import mnist_numpy  # noqa: E402
import mnist_torch  # noqa: E402

STEPS = 5
# float32 throughout, and BLAS/ATen sum in different orders: agree to ~1e-5 relative.
RTOL, ATOL = 2e-4, 2e-5


def copy_into_torch(model, weights, biases):
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    with torch.no_grad():
        for linear, w, b in zip(linears, weights, biases):
            linear.weight.copy_(torch.from_numpy(w.T.copy()))  # torch stores (out, in)
            linear.bias.copy_(torch.from_numpy(b))
    return linears


def compare(what, expected, actual):
    if not np.allclose(actual, expected, rtol=RTOL, atol=ATOL):
        worst = np.max(np.abs(actual - expected))
        print(f"FAIL {what}: max abs difference {worst:.3g}")
        sys.exit(1)


def check(net):
    spec = mnist_common.NETWORKS[net]
    rng = np.random.default_rng(7)
    weights, biases = mnist_numpy.init_params(spec["sizes"], spec["init"], rng)
    model = mnist_torch.build_model(spec)
    linears = copy_into_torch(model, weights, biases)
    params = weights + biases
    optimizer = mnist_numpy.make_optimizer(spec["optimizer"], params, spec["learning_rate"])
    torch_optimizer = mnist_torch.make_optimizer(spec, model.parameters())
    loss_fn = (mnist_torch.quadratic_cost if spec["cost"] == "sigmoid_quadratic"
               else torch.nn.CrossEntropyLoss())

    for step in range(STEPS):
        x = rng.random((spec["batch"], 784), dtype=np.float32)
        labels = rng.integers(0, 10, spec["batch"])
        with np.errstate(over="ignore"):
            activations, z_out = mnist_numpy.forward(weights, biases, x, spec["hidden"])
            loss, delta = mnist_numpy.cost_and_delta(z_out, labels, spec["cost"])
            grad_weights, grad_biases = mnist_numpy.backward(weights, activations, delta,
                                                             spec["hidden"])

        torch_optimizer.zero_grad()
        torch_loss = loss_fn(model(torch.from_numpy(x)), torch.from_numpy(labels))
        torch_loss.backward()
        compare(f"{net} step {step} loss", np.float32(loss), np.float32(torch_loss.item()))
        for i, linear in enumerate(linears):
            compare(f"{net} step {step} dL/dW{i}", grad_weights[i], linear.weight.grad.numpy().T)
            compare(f"{net} step {step} dL/db{i}", grad_biases[i], linear.bias.grad.numpy())

        optimizer.step(params, grad_weights + grad_biases)
        torch_optimizer.step()
        for i, linear in enumerate(linears):
            compare(f"{net} step {step} W{i} after update", weights[i],
                    linear.weight.detach().numpy().T)
            compare(f"{net} step {step} b{i} after update", biases[i],
                    linear.bias.detach().numpy())
        assert all(p.dtype == np.float32 for p in params), "NumPy parameters left float32"
    print(f"ok {net}: loss, gradients and {spec['optimizer']} updates agree for {STEPS} steps")


def main():
    for net in mnist_common.NETS:
        check(net)


if __name__ == "__main__":
    main()
