#!/usr/bin/env python3
"""References for the three studies of deeplearning.ai's "Improving Deep Neural Networks"
(initialization, regularization, optimization), written with the course's published formulas in
numpy, on exactly the data the runner generates for experiments/study-*.yaml.

The data: a port of the runner's generators (Sources/Datasets/Generators) and stratified split
(Sources/Datasets/Splits/Splitter.swift) driven by a port of its SeededGenerator, with the
generator and split seeds the specs set. The course's formulas (column-major, X: (n, m)):
  forward  Z = W A + b, relu hidden layers, sigmoid output;
  cost     -(1/m) Σ (y log a + (1 - y) log(1 - a))  [+ λ/(2m) Σ‖W‖² for L2];
  backward dZ_L = A_L - Y, dW = (1/m) dZ Aᵀ [+ (λ/m) W], db = (1/m) Σ dZ, dA = Wᵀ dZ;
  dropout  D = rand < keep_prob, A = A·D/keep_prob (hidden layers, training only);
  momentum v = β v + (1 - β) dW, W -= α v;   (the runner's is torch's b = μ b + g, W -= lr b:
           the same trajectory at lr = α(1 - β))
  Adam     v, s with bias correction, W -= α v̂ / (√ŝ + ε);
  decay    α = α₀ / (1 + decay_rate·⌊epoch / time_interval⌋)  (schedule_lr_decay).
Initial weights come from numpy's generator (the course's np.random.seed(3)), so these are the
course's procedures on our data, not our trajectories: the figures agree in kind, not in digits.

Prints the figures quoted in the specs' comments. Run: python3 course2_numpy.py
"""
import math

import numpy as np

M = (1 << 64) - 1


def splitmix(state):
    state = (state + 0x9E3779B97F4A7C15) & M
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


class SeededGenerator:
    """xoshiro256** seeded through SplitMix64, as Sources/Engine/Core/SeededGenerator.swift."""

    def __init__(self, seed):
        self.s = []
        for _ in range(4):
            seed, v = splitmix(seed)
            self.s.append(v)

    def next(self):
        s0, s1, s2, s3 = self.s
        result = (rotl((s1 * 5) & M, 7) * 9) & M
        t = (s1 << 17) & M
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        self.s = [s0, s1, s2, rotl(s3, 45)]
        return result

    def unit(self):
        return (self.next() >> 11) * 2.0**-53

    def normal(self):
        u1 = self.unit()
        while u1 <= 0:
            u1 = self.unit()
        u2 = self.unit()
        return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)

    def below(self, bound):
        m = self.next() * bound
        if (m & M) < bound:
            t = ((1 << 64) - bound) % bound
            while (m & M) < t:
                m = self.next() * bound
        return m >> 64

    def permutation(self, n):
        p = list(range(n))
        for i in range(n - 1, 0, -1):
            j = self.below(i + 1)
            p[i], p[j] = p[j], p[i]
        return p

    @staticmethod
    def derive(seed, label):
        h = 0xCBF29CE484222325
        for b in label.encode():
            h = ((h ^ b) * 0x100000001B3) & M
        sm = seed ^ ((h * 0xD6E8FEB86659FD93) & M)
        sm, _ = splitmix(sm)
        return splitmix(sm)[1]


def generate(kind, samples, noise, seed, factor=0.5):
    """moons or circles exactly as the runner generates them."""
    rng = SeededGenerator(SeededGenerator.derive(seed, "generator:" + kind))
    outer, inner = samples // 2, samples - samples // 2
    x, labels = [], []
    for i in range(outer):
        t = (math.pi * i / max(outer - 1, 1)) if kind == "moons" else 2 * math.pi * i / outer
        x.append([math.cos(t), math.sin(t)])
        labels.append(0)
    for i in range(inner):
        if kind == "moons":
            t = math.pi * i / max(inner - 1, 1)
            x.append([1 - math.cos(t), 1 - math.sin(t) - 0.5])
        else:
            t = 2 * math.pi * i / inner
            x.append([factor * math.cos(t), factor * math.sin(t)])
        labels.append(1)
    flat = [v for row in x for v in row]
    if noise > 0:
        flat = [v + noise * rng.normal() for v in flat]
    return np.array(flat).reshape(-1, 2), np.array(labels)


def class_shares(counts, classes):
    """Rows of each class each part of exactly `counts` rows takes, as SplitSizes.classShares:
    each part's count shared in proportion to the rows the earlier parts left, by largest
    remainders (ties to the first class), the first part giving every class a row."""
    left, shares = list(classes), []
    for p, n in enumerate(counts):
        rest = max(sum(left), 1)
        target = [k / rest * n for k in left]
        low = [min(k, 1) if p == 0 and n >= len(classes) else 0 for k in left]
        share = [max(int(t), lo) for t, lo in zip(target, low)]
        while sum(share) != n:
            up = sum(share) < n
            cands = [c for c in range(len(classes))
                     if (share[c] < left[c] if up else share[c] > low[c])]
            c = max(cands, key=lambda c: ((target[c] - share[c]) * (1 if up else -1), -c))
            share[c] += 1 if up else -1
        left = [k - s for k, s in zip(left, share)]
        shares.append(share)
    return shares


def split(labels, test, seed):
    """Stratified train/test indices as Splitter.split with fractions (no dev): round(test·n)
    test rows of the whole (halves up), shared among the classes by class_shares."""
    rng = SeededGenerator(SeededGenerator.derive(seed, "split"))
    classes = sorted(set(labels.tolist()))
    groups = [[i for i in range(len(labels)) if labels[i] == c] for c in classes]
    n_test = int(math.floor(test * len(labels) + 0.5))
    shares = class_shares([len(labels) - n_test, n_test], [len(g) for g in groups])
    train_idx, test_idx = [], []
    for c, group in enumerate(groups):
        order = [group[k] for k in rng.permutation(len(group))]
        test_idx += order[:shares[1][c]]
        train_idx += order[shares[1][c]:]
    return sorted(train_idx), sorted(test_idx)


def data(kind, samples, noise, seed, test, factor=0.5):
    x, y = generate(kind, samples, noise, seed, factor)
    a, b = split(y, test, seed)
    return x[a].T, y[a].reshape(1, -1), x[b].T, y[b].reshape(1, -1)


def initialize(dims, how, rng):
    params = {}
    for l in range(1, len(dims)):
        shape = (dims[l], dims[l - 1])
        if how == "zeros":
            w = np.zeros(shape)
        elif how == "random":
            w = rng.standard_normal(shape) * 10
        else:
            w = rng.standard_normal(shape) * np.sqrt(2 / dims[l - 1])
        params["W%d" % l], params["b%d" % l] = w, np.zeros((dims[l], 1))
    return params


def forward(params, x, keep=1.0, rng=None):
    caches, a = [], x
    layers = len(params) // 2
    for l in range(1, layers + 1):
        z = params["W%d" % l] @ a + params["b%d" % l]
        prev = a
        if l < layers:
            a = np.maximum(z, 0)
            d = None
            if keep < 1:
                d = rng.random(a.shape) < keep
                a = a * d / keep
        else:
            with np.errstate(over="ignore"):
                a = 1 / (1 + np.exp(-z))
            d = None
        caches.append((prev, z, d))
    return a, caches


def cost(a, y, params=None, lambd=0.0):
    m = y.shape[1]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        c = -np.nansum(y * np.log(a) + (1 - y) * np.log(1 - a)) / m
    if lambd:
        c += lambd / (2 * m) * sum(np.sum(np.square(params["W%d" % l]))
                                   for l in range(1, len(params) // 2 + 1))
    return c


def backward(params, a, y, caches, keep=1.0, lambd=0.0):
    m = y.shape[1]
    grads = {}
    dz = a - y
    for l in range(len(caches), 0, -1):
        prev, _, _ = caches[l - 1]
        grads["dW%d" % l] = dz @ prev.T / m + lambd / m * params["W%d" % l]
        grads["db%d" % l] = np.sum(dz, axis=1, keepdims=True) / m
        if l > 1:
            da = params["W%d" % l].T @ dz
            _, z_below, d_below = caches[l - 2]
            if d_below is not None:
                da = da * d_below / keep
            dz = da * (z_below > 0)
    return grads


def accuracy(params, x, y):
    a, _ = forward(params, x)
    return float(np.mean((a > 0.5) == y))


def train_full_batch(x, y, dims, init, lr, iterations, lambd=0.0, keep=1.0):
    rng = np.random.default_rng(3)
    params = initialize(dims, init, rng)
    costs = []
    for i in range(iterations):
        a, caches = forward(params, x, keep, rng)
        if i % 1000 == 0:
            costs.append(cost(a, y, params, lambd))
        grads = backward(params, a, y, caches, keep, lambd)
        for l in range(1, len(dims)):
            params["W%d" % l] -= lr * grads["dW%d" % l]
            params["b%d" % l] -= lr * grads["db%d" % l]
    return params, costs


def train_mini_batch(x, y, dims, optimizer, lr, epochs, batch=64, beta=0.9, beta1=0.9,
                     beta2=0.999, eps=1e-8, decay_rate=None, interval=1000):
    rng = np.random.default_rng(3)
    params = initialize(dims, "he", rng)
    keys = [k for k in params]
    v = {k: np.zeros_like(params[k]) for k in keys}
    s = {k: np.zeros_like(params[k]) for k in keys}
    t = 0
    m = x.shape[1]
    for epoch in range(epochs):
        rate = lr if decay_rate is None else lr / (1 + decay_rate * (epoch // interval))
        order = rng.permutation(m)
        for start in range(0, m, batch):
            idx = order[start:start + batch]
            xb, yb = x[:, idx], y[:, idx]
            a, caches = forward(params, xb)
            grads = backward(params, a, yb, caches)
            t += 1
            for k in keys:
                g = grads["d" + k]
                if optimizer == "gd":
                    params[k] -= rate * g
                elif optimizer == "momentum":
                    v[k] = beta * v[k] + (1 - beta) * g
                    params[k] -= rate * v[k]
                else:
                    v[k] = beta1 * v[k] + (1 - beta1) * g
                    s[k] = beta2 * s[k] + (1 - beta2) * g * g
                    vc, sc = v[k] / (1 - beta1**t), s[k] / (1 - beta2**t)
                    params[k] -= rate * vc / (np.sqrt(sc) + eps)
    return params


def report(name, params, xtr, ytr, xte, yte):
    tr, te = accuracy(params, xtr, ytr), accuracy(params, xte, yte)
    print(f"  {name:<28} train {tr:.4f}  test {te:.4f}  gap {tr - te:+.4f}")


def main():
    print("initialization: circles (400 samples, noise 0.05, factor 0.8, seed 1, test 0.25),")
    print("  2-10-5-1 relu/relu/sigmoid, gradient descent lr 0.01, 15000 iterations")
    xtr, ytr, xte, yte = data("circles", 400, 0.05, 1, 0.25, factor=0.8)
    for init in ("zeros", "random", "he"):
        params, _ = train_full_batch(xtr, ytr, [2, 10, 5, 1], init, 0.01, 15000)
        report(init, params, xtr, ytr, xte, yte)

    print("regularization: moons (200 samples, noise 0.3, seed 4, test 0.5),")
    print("  2-64-32-1 relu/relu/sigmoid, He init, gradient descent lr 0.3, 10000 iterations")
    xtr, ytr, xte, yte = data("moons", 200, 0.3, 4, 0.5)
    for name, kw in (("none", {}), ("L2 lambda 0.5", {"lambd": 0.5}),
                     ("dropout keep 0.5", {"keep": 0.5}),
                     ("L2 lambda 0.5 + keep 0.5", {"lambd": 0.5, "keep": 0.5})):
        params, _ = train_full_batch(xtr, ytr, [2, 64, 32, 1], "he", 0.3, 10000, **kw)
        report(name, params, xtr, ytr, xte, yte)

    print("optimization: moons (300 samples, noise 0.2, seed 3, test 0.25),")
    print("  2-5-2-1 relu/relu/sigmoid, He init, mini-batches of 64, 5000 epochs")
    xtr, ytr, xte, yte = data("moons", 300, 0.2, 3, 0.25)
    runs = (("mini-batch gd lr 0.0007", "gd", 0.0007, {}),
            ("momentum 0.9 lr 0.0007", "momentum", 0.0007, {}),
            ("adam lr 0.0007", "adam", 0.0007, {}),
            ("adam lr 0.01 decay 1/1000", "adam", 0.01, {"decay_rate": 1.0}))
    for name, opt, lr, kw in runs:
        params = train_mini_batch(xtr, ytr, [2, 5, 2, 1], opt, lr, 5000, **kw)
        report(name, params, xtr, ytr, xte, yte)


if __name__ == "__main__":
    main()
