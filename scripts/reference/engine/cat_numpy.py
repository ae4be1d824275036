#!/usr/bin/env python3
"""The course's numpy logistic regression on cat vs non-cat (primers 000/001), timed.

Used by `bench cat` as the peer measured in the same invocation. Prints one line per dtype:
`numpy <dtype> <median seconds of the 2000-iteration loop> <final cost> <b>`.
"""
import argparse
import os
import time

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = 1 / m * np.dot(X, (A - Y).T)
    db = 1 / m * np.sum(A - Y)
    return dw, db, cost


def optimize(w, b, X, Y, iterations, lr):
    costs = []
    for i in range(iterations):
        dw, db, cost = propagate(w, b, X, Y)
        w = w - lr * dw
        b = b - lr * db
        if i % 100 == 0:
            costs.append(cost)
    return w, b, costs


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True, help="directory holding catvnoncat/")
    p.add_argument("--iterations", type=int, default=2000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--dtypes", default="float64,float32")
    a = p.parse_args()
    x = np.load(os.path.join(a.data, "catvnoncat", "train_x.npy"))
    y = np.load(os.path.join(a.data, "catvnoncat", "train_y.npy"))
    for name in a.dtypes.split(","):
        dt = np.dtype(name)
        X = (x.reshape(x.shape[0], -1).T / 255).astype(dt)
        Y = y.reshape(1, -1).astype(dt)
        times = []
        for _ in range(a.repeat):
            w = np.zeros((X.shape[0], 1), dtype=dt)
            b = dt.type(0)
            t0 = time.perf_counter()
            w, b, costs = optimize(w, b, X, Y, a.iterations, dt.type(0.005))
            times.append(time.perf_counter() - t0)
        _, _, final = propagate(w, b, X, Y)
        times.sort()
        print(f"numpy {name} {times[len(times) // 2]:.4f} {float(final):.10f} {float(b):.10f}", flush=True)


if __name__ == "__main__":
    main()
