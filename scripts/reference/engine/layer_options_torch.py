#!/usr/bin/env python3
"""Dropout and batch normalization against torch.nn itself (float64, CPU).

The network (4 inputs): Linear(4, 5) -> BatchNorm1d(5) -> ReLU -> Dropout(0.5)
                     -> Linear(5, 3) -> BatchNorm1d(3, momentum=0.3, eps=1e-3) -> Tanh
                     -> Dropout(0.25) -> Linear(3, 3), cross-entropy on 8 fixed samples.
Our flat parameter vector is [W1 (in, out) row-major, b1, gamma1, beta1, running_mean1,
running_var1, W2, b2, gamma2, ..., W3, b3] (torch stores W as (out, in)).

1. One forward and backward with fixed dropout keep-masks, in training mode (batch statistics,
   running statistics updated), then in evaluation mode (running statistics, no dropout): the
   mean loss, the outputs, the gradient and the parameters (running statistics) after them.
2. Ten training steps on mini-batches of 4 rows in stored order (shuffle off), dropout masks
   drawn exactly as the runner draws them (xoshiro256** seeded through SplitMix64 from the run's
   seed, stream "dropout/0", one uniform per unit and row, layer by layer; kept when u >= p), with
   Adam, and with SGD momentum 0.9 plus weight decay 0.01 on the weights only (the runner decays
   neither biases nor batch normalization's gamma and beta). Recorded: the evaluation-mode loss
   on the 8 rows before each step and after the last, and the final parameters. (The biases in
   front of a batch normalization have a zero gradient up to rounding; Adam's g/(sqrt(v) + eps)
   turns that rounding noise into steps of about lr*1e-9, so the Adam case agrees to 1e-8 only.)

Writes Tests/EngineTests/Fixtures/TorchLayerOptions.swift. Needs torch
(pip install /opt/wheels/torch-2.13.0+cpu-*.whl); swift test does not.
"""
import os

import numpy as np
import torch

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
    """The runner's generator (Sources/Engine/Core/SeededGenerator.swift)."""

    def __init__(self, seed):
        sm = seed
        self.s = []
        for _ in range(4):
            sm, v = splitmix(sm)
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
        s3 = rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def unit(self):
        return (self.next() >> 11) * 2.0**-53

    @staticmethod
    def derive(seed, stream):
        if isinstance(stream, str):
            h = 0xCBF29CE484222325
            for b in stream.encode():
                h = ((h ^ b) * 0x100000001B3) & M
            stream = h
        sm = seed ^ ((stream * 0xD6E8FEB86659FD93) & M)
        sm, _ = splitmix(sm)
        _, z = splitmix(sm)
        return z


P1, P2 = 0.5, 0.25
SEED = 7
rng = np.random.default_rng(16)
X = rng.normal(size=(8, 4))
LABELS = [0, 1, 2, 1, 0, 2, 2, 1]
W1 = rng.normal(scale=0.6, size=(4, 5))
B1 = rng.normal(scale=0.1, size=5)
W2 = rng.normal(scale=0.6, size=(5, 3))
B2 = rng.normal(scale=0.1, size=3)
W3 = rng.normal(scale=0.6, size=(3, 3))
B3 = rng.normal(scale=0.1, size=3)
# Non-default starting values of the first normalization (the second starts as torch's).
G1 = 1 + rng.normal(scale=0.2, size=5)
BE1 = rng.normal(scale=0.2, size=5)
MASK1 = (rng.uniform(size=(8, 5)) >= P1).astype(float)
MASK2 = (rng.uniform(size=(8, 3)) >= P2).astype(float)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.l1 = torch.nn.Linear(4, 5)
        self.n1 = torch.nn.BatchNorm1d(5)
        self.l2 = torch.nn.Linear(5, 3)
        self.n2 = torch.nn.BatchNorm1d(3, momentum=0.3, eps=1e-3)
        self.l3 = torch.nn.Linear(3, 3)
        self.d1 = torch.nn.Dropout(P1)
        self.d2 = torch.nn.Dropout(P2)
        with torch.no_grad():
            for lin, w, b in ((self.l1, W1, B1), (self.l2, W2, B2), (self.l3, W3, B3)):
                lin.weight.copy_(torch.tensor(w.T))
                lin.bias.copy_(torch.tensor(b))
            self.n1.weight.copy_(torch.tensor(G1))
            self.n1.bias.copy_(torch.tensor(BE1))

    def forward(self, x, masks=None):
        """nn.Dropout when masks is None; with given keep masks, what nn.Dropout computes."""
        h = torch.relu(self.n1(self.l1(x)))
        h = self.d1(h) if masks is None or not self.training else h * (masks[0] / (1 - P1))
        h = torch.tanh(self.n2(self.l2(h)))
        h = self.d2(h) if masks is None or not self.training else h * (masks[1] / (1 - P2))
        return self.l3(h)

    def flat(self, grad=False):
        parts = []
        for lin, norm in ((self.l1, self.n1), (self.l2, self.n2), (self.l3, None)):
            w, b = (lin.weight.grad, lin.bias.grad) if grad else (lin.weight, lin.bias)
            parts += [w.T.reshape(-1), b]
            if norm is not None:
                if grad:
                    zeros = torch.zeros_like(norm.running_mean)
                    parts += [norm.weight.grad, norm.bias.grad, zeros, zeros]
                else:
                    parts += [norm.weight, norm.bias, norm.running_mean, norm.running_var]
        return torch.cat([p.detach().reshape(-1) for p in parts]).tolist()


def one_pass():
    net = Net()
    x, y = torch.tensor(X), torch.tensor(LABELS)
    masks = (torch.tensor(MASK1), torch.tensor(MASK2))
    out = {}
    for mode in ("train", "eval"):
        net.train(mode == "train")
        net.zero_grad()
        logits = net(x, masks)
        loss = torch.nn.functional.cross_entropy(logits, y)
        loss.backward()
        out[mode] = (
            loss.item(), torch.softmax(logits, 1).detach().reshape(-1).tolist(),
            net.flat(grad=True), net.flat())
    return out


class DrawnMasks:
    """Keep masks as the runner draws them for the training forward passes."""

    def __init__(self):
        self.gen = SeededGenerator(SeededGenerator.derive(SEED, "dropout/0"))

    def next(self, rows):
        m1 = [[1.0 if self.gen.unit() >= P1 else 0.0 for _ in range(5)] for _ in range(rows)]
        m2 = [[1.0 if self.gen.unit() >= P2 else 0.0 for _ in range(3)] for _ in range(rows)]
        return torch.tensor(m1), torch.tensor(m2)


def ten_steps(optimizer):
    net = Net()
    x, y = torch.tensor(X), torch.tensor(LABELS)
    decayed = [net.l1.weight, net.l2.weight, net.l3.weight]
    others = [p for p in net.parameters() if all(p is not q for q in decayed)]
    if optimizer == "adam":
        opt = torch.optim.Adam(net.parameters(), lr=0.05, foreach=False)
    else:
        opt = torch.optim.SGD(
            [{"params": decayed, "weight_decay": 0.01}, {"params": others, "weight_decay": 0}],
            lr=0.1, momentum=0.9, foreach=False)
    masks = DrawnMasks()
    losses = []

    def evaluate():
        net.eval()
        with torch.no_grad():
            losses.append(torch.nn.functional.cross_entropy(net(x), y).item())

    for step in range(10):
        evaluate()
        net.train()
        rows = slice(4 * (step % 2), 4 * (step % 2) + 4)
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(net(x[rows], masks.next(4)), y[rows])
        loss.backward()
        opt.step()
    evaluate()
    return losses, net.flat()


def swift(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


def main():
    torch.set_default_dtype(torch.float64)
    passes = one_pass()
    lines = [
        "// Generated by scripts/reference/engine/layer_options_torch.py "
        f"(torch {torch.__version__}); do not edit.",
        "// Dropout and batch normalization in torch.nn on the network described there.",
        "enum TorchLayerOptions {",
        f"  static let x: [Double] = {swift(X.reshape(-1))}",
        f"  static let labels: [Int] = {LABELS}",
        f"  static let w1: [Double] = {swift(W1.reshape(-1))}",
        f"  static let b1: [Double] = {swift(B1)}",
        f"  static let gamma1: [Double] = {swift(G1)}",
        f"  static let beta1: [Double] = {swift(BE1)}",
        f"  static let w2: [Double] = {swift(W2.reshape(-1))}",
        f"  static let b2: [Double] = {swift(B2)}",
        f"  static let w3: [Double] = {swift(W3.reshape(-1))}",
        f"  static let b3: [Double] = {swift(B3)}",
        f"  static let mask1: [Double] = {swift(MASK1.reshape(-1))}",
        f"  static let mask2: [Double] = {swift(MASK2.reshape(-1))}",
        "  /// Mode -> (mean loss, softmax outputs, gradient, parameters after the pass).",
        "  static let passes: [String: (loss: Double, outputs: [Double], gradient: [Double],"
        " parameters: [Double])] = [",
    ]
    for mode, (loss, outputs, grad, params) in passes.items():
        lines.append(
            f'    "{mode}": ({loss!r}, {swift(outputs)}, {swift(grad)}, {swift(params)}),')
    lines += [
        "  ]",
        "  /// Optimizer -> (evaluation losses before each of 10 steps and after, final parameters).",
        "  static let steps: [String: (losses: [Double], parameters: [Double])] = [",
    ]
    for name in ("adam", "momentum"):
        losses, params = ten_steps(name)
        lines.append(f'    "{name}": ({swift(losses)}, {swift(params)}),')
    lines += ["  ]", "}", ""]
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "../../../Tests/EngineTests/Fixtures/TorchLayerOptions.swift")
    with open(path, "w") as f:
        f.write("\n".join(lines))
    print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()
