#!/usr/bin/env python3
"""PyTorch peer for `bench mlp`: primer 004's MLP 784-1024-10 (ReLU, CrossEntropyLoss, SGD lr 0.1,
batch 64, shuffled DataLoader-style batches, default nn.Linear initialization), float32.

Prints `torch <seconds per epoch (median)> <test accuracy>`.
"""
import argparse
import gzip
import os
import time

import numpy as np
import torch


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
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    base = os.path.join(a.data, a.dataset)
    x = torch.tensor(idx(os.path.join(base, "train-images-idx3-ubyte.gz")).reshape(-1, 784) / 255.0, dtype=torch.float32)
    y = torch.tensor(idx(os.path.join(base, "train-labels-idx1-ubyte.gz")).astype(np.int64))
    xt = torch.tensor(idx(os.path.join(base, "t10k-images-idx3-ubyte.gz")).reshape(-1, 784) / 255.0, dtype=torch.float32)
    yt = torch.tensor(idx(os.path.join(base, "t10k-labels-idx1-ubyte.gz")).astype(np.int64))
    model = torch.nn.Sequential(torch.nn.Linear(784, 1024), torch.nn.ReLU(), torch.nn.Linear(1024, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_fn = torch.nn.CrossEntropyLoss()
    times = []
    for _ in range(a.epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(len(x))
        for i in range(0, len(x), 64):
            idx_b = perm[i:i + 64]
            opt.zero_grad()
            loss = loss_fn(model(x[idx_b]), y[idx_b])
            loss.backward()
            opt.step()
        times.append(time.perf_counter() - t0)
    with torch.no_grad():
        acc = (model(xt).argmax(1) == yt).float().mean().item()
    times.sort()
    print(f"torch {times[len(times) // 2]:.3f} s per epoch (median), test accuracy {acc:.4f}")


if __name__ == "__main__":
    main()
