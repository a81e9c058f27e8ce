"""The paper's hardness weighted sampler, timed: one training iteration per step.

This is the algorithm of the authors' reference implementation (LucasFidon/HardnessWeightedSampler,
WeightedSampler.draw_samples and update_weight), rewritten with NumPy alone so it runs on Debian's python3-numpy:
a log-softmax of beta * L over all n cases, exponentiated; probabilities at or below 1e-4/n set to 1e-4/n and
renormalised; numpy.random.choice(n, b, replace=False, p=p); then the momentum update of the b drawn losses.
O(n) per iteration.

    /usr/bin/python3 -Es scripts/bench_sampler_reference.py [--b 4] [--beta 100] [--momentum 0] N [N ...]

Prints one line per n: "n microseconds_per_iteration iterations".
"""

import argparse
import time

import numpy as np


def iteration(state, rng, n, b, beta, momentum, new_losses, cursor):
    losses = state
    z = beta * losses
    z_max = z.max()
    log_p = z - (z_max + np.log(np.exp(z - z_max).sum()))
    p = np.exp(log_p)
    eps = 1e-4 / n
    p[p <= eps] = eps
    p /= p.sum()
    batch = rng.choice(n, b, replace=False, p=p)
    new = new_losses[(cursor + np.arange(b)) % new_losses.size]
    losses[batch] = momentum * losses[batch] + (1.0 - momentum) * new
    return batch


def bench(n, b, beta, momentum, min_seconds, min_iterations):
    rng = np.random.RandomState(1)
    losses = rng.normal(2.0, 0.002, n)
    new_losses = np.random.RandomState(2).uniform(0.0, 2.0, 4096)
    cursor = 0
    for _ in range(3):
        iteration(losses, rng, n, b, beta, momentum, new_losses, cursor)
        cursor += b
    count = 0
    start = time.perf_counter()
    while True:
        iteration(losses, rng, n, b, beta, momentum, new_losses, cursor)
        cursor += b
        count += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds and count >= min_iterations:
            return elapsed / count * 1e6, count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--b", type=int, default=4)
    parser.add_argument("--beta", type=float, default=100.0)
    parser.add_argument("--momentum", type=float, default=0.0)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--iterations", type=int, default=5)
    args = parser.parse_args()
    for n in args.sizes:
        us, count = bench(n, args.b, args.beta, args.momentum, args.seconds, args.iterations)
        print(f"{n} {us:.3f} {count}", flush=True)


if __name__ == "__main__":
    main()
