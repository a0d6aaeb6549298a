#!/usr/bin/python3
"""Train one of the three reference MLPs on MNIST with PyTorch (torch.nn, CPU, float32).

The same networks, initialisation and hyper-parameters as mnist_numpy.py, written the
way a PyTorch user would: nn.Sequential, a loss module, torch.optim, autograd. It is
for comparison with Scratchnet only and is not part of the Maven build.

One deliberate departure from the usual tutorial: batches are sliced from tensors that
are already in memory rather than drawn through a DataLoader. A DataLoader collates
every batch image by image in Python, which at batch size 10 costs more than the
training itself, and would make the comparison about data loading, not arithmetic.

Usage:  /usr/bin/python3 mnist_torch.py --net relu128 --epochs 4 --threads 1 \
            --data /path/to/mnist --seed 1
"""

import time

import mnist_common

if __name__ == "__main__":
    # Before torch is imported: the OpenBLAS that torch's matrix multiply calls sizes its
    # thread pool from the environment when it loads, and torch.set_num_threads does not
    # reach it (that call only sets torch's own OpenMP/MKL threads).
    args = mnist_common.parse_args(__doc__.splitlines()[0])
    mnist_common.configure_threads(args.threads)

import torch  # noqa: E402  (must follow configure_threads)
from torch import nn  # noqa: E402

NETWORKS = mnist_common.NETWORKS


def build_model(spec):
    """nn.Sequential of Linear layers and activations. The nielsen net ends in a sigmoid
    (its quadratic cost is taken on sigmoid outputs); the others end in raw logits,
    because nn.CrossEntropyLoss applies log-softmax itself."""
    layers = []
    sizes = spec["sizes"]
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        linear = nn.Linear(n_in, n_out)
        with torch.no_grad():
            if spec["init"] == "normal":
                # Nielsen's network.py: every weight and bias from N(0, 1).
                nn.init.normal_(linear.weight, 0.0, 1.0)
                nn.init.normal_(linear.bias, 0.0, 1.0)
            else:
                # He init N(0, 2/n_in); n_in is fan_in for nn.Linear's (out, in) weight.
                nn.init.kaiming_normal_(linear.weight, mode="fan_in", nonlinearity="relu")
                nn.init.zeros_(linear.bias)
        layers.append(linear)
        is_last = i == len(sizes) - 2
        if not is_last:
            layers.append(nn.Sigmoid() if spec["hidden"] == "sigmoid" else nn.ReLU())
        elif spec["cost"] == "sigmoid_quadratic":
            layers.append(nn.Sigmoid())
    return nn.Sequential(*layers)


def quadratic_cost(output, labels):
    """(1/batch) Σ ½‖y − a‖² with y the one-hot label, as in Nielsen's book."""
    target = nn.functional.one_hot(labels, num_classes=output.shape[1]).to(output.dtype)
    return 0.5 * ((output - target) ** 2).sum(dim=1).mean()


def make_optimizer(spec, params):
    lr = spec["learning_rate"]
    if spec["optimizer"] == "sgd":
        return torch.optim.SGD(params, lr=lr)
    if spec["optimizer"] == "momentum":
        return torch.optim.SGD(params, lr=lr, momentum=0.9)  # v ← μv + g; w ← w − ηv
    return torch.optim.Adam(params, lr=lr, betas=(0.9, 0.999), eps=1e-8)


def accuracy(model, x, labels):
    model.eval()
    with torch.no_grad():
        correct = (model(x).argmax(dim=1) == labels).float().mean().item()
    model.train()
    return correct


def main(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    spec = NETWORKS[args.net]
    x_train, y_train, x_test, y_test = (torch.from_numpy(a) for a in
                                        mnist_common.load_mnist(args.data))
    model = build_model(spec)
    optimizer = make_optimizer(spec, model.parameters())
    loss_fn = quadratic_cost if spec["cost"] == "sigmoid_quadratic" else nn.CrossEntropyLoss()
    batch = spec["batch"]
    shuffle = torch.Generator().manual_seed(args.seed)

    log = mnist_common.EpochLog(args.net, "torch", args.threads, len(x_train), {
        "torch": torch.__version__, "torch_threads": torch.get_num_threads(),
        "batch": batch, "seed": args.seed, "blas": mnist_common.blas_report()})
    for _ in range(args.epochs):
        start, cpu_start = time.perf_counter(), time.process_time()
        order = torch.randperm(len(x_train), generator=shuffle)
        loss_sum = 0.0
        for first in range(0, len(x_train), batch):
            # The last, short batch is kept, as DataLoader does by default (drop_last=False).
            rows = order[first:first + batch]
            inputs, labels = x_train[rows], y_train[rows]
            optimizer.zero_grad()
            loss = loss_fn(model(inputs), labels)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(rows)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
        log.epoch(seconds, cpu_seconds, loss_sum / len(x_train),
                  accuracy(model, x_test, y_test))
    log.summary()


if __name__ == "__main__":
    main(args)
