#!/usr/bin/env python3
"""numpy peer for `bench mlp` when PyTorch is not installed: the hand-written float32 MLP
784-1024-10 (ReLU, softmax cross-entropy, SGD lr 0.1, batch 64, shuffled each epoch, PyTorch's
default initialization U(+-1/sqrt(fan_in))), as primer 004 writes it.

Prints `numpy <seconds per epoch (median)> s per epoch, test accuracy <acc>`.
"""
import argparse
import gzip
import os
import time

import numpy as np


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--dataset", default="fashion-mnist")
    p.add_argument("--epochs", type=int, default=1)
    a = p.parse_args()
    base = os.path.join(a.data, a.dataset)
    x = (idx(os.path.join(base, "train-images-idx3-ubyte.gz")).reshape(-1, 784) / 255.0).astype(np.float32)
    y = idx(os.path.join(base, "train-labels-idx1-ubyte.gz")).astype(np.int64)
    xt = (idx(os.path.join(base, "t10k-images-idx3-ubyte.gz")).reshape(-1, 784) / 255.0).astype(np.float32)
    yt = idx(os.path.join(base, "t10k-labels-idx1-ubyte.gz")).astype(np.int64)
    rng = np.random.default_rng(0)
    b1_, b2_ = 1 / np.sqrt(784), 1 / np.sqrt(1024)
    w1 = rng.uniform(-b1_, b1_, (784, 1024)).astype(np.float32)
    b1 = rng.uniform(-b1_, b1_, 1024).astype(np.float32)
    w2 = rng.uniform(-b2_, b2_, (1024, 10)).astype(np.float32)
    b2 = rng.uniform(-b2_, b2_, 10).astype(np.float32)
    lr = np.float32(0.1)
    times = []
    for _ in range(a.epochs):
        t0 = time.perf_counter()
        perm = rng.permutation(len(x))
        for i in range(0, len(x), 64):
            j = perm[i:i + 64]
            xb, yb = x[j], y[j]
            z1 = xb @ w1 + b1
            a1 = np.maximum(z1, 0)
            z2 = a1 @ w2 + b2
            e = np.exp(z2 - z2.max(axis=1, keepdims=True))
            p2 = e / e.sum(axis=1, keepdims=True)
            p2[np.arange(len(j)), yb] -= 1
            dz2 = p2 / len(j)
            dw2 = a1.T @ dz2
            db2 = dz2.sum(axis=0)
            dz1 = (dz2 @ w2.T) * (z1 > 0)
            dw1 = xb.T @ dz1
            db1 = dz1.sum(axis=0)
            w1 -= lr * dw1
            b1 -= lr * db1
            w2 -= lr * dw2
            b2 -= lr * db2
        times.append(time.perf_counter() - t0)
    acc = float(((np.maximum(xt @ w1 + b1, 0) @ w2 + b2).argmax(axis=1) == yt).mean())
    times.sort()
    print(f"numpy {times[len(times) // 2]:.3f} s per epoch (median), test accuracy {acc:.4f}")


if __name__ == "__main__":
    main()
