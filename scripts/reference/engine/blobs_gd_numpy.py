"""Primer 004's gradient-descent logistic regression on its two blobs, as the primer writes it.

Prints the figures experiments/blobs-logreg-gd.yaml reproduces (GoldenExperimentTests):
    python3 scripts/reference/engine/blobs_gd_numpy.py
"""

import numpy as np

data = np.loadtxt("experiments/data/blobs_primer004.csv", delimiter=",", skiprows=1)
x, y = data[:, :2], data[:, 2]
w1, w2, b, lr, size = 1.0, 1.0, 1.0, 0.1, len(y)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def loss(p):
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


for epoch in range(3000):
    y_pred = sigmoid(w1 * x[:, 0] + w2 * x[:, 1] + b)
    if epoch == 0:
        print(f"loss at iteration 0: {float(loss(y_pred))!r}")
    w1 = w1 - (lr / size) * np.dot(y_pred - y, x[:, 0])
    w2 = w2 - (lr / size) * np.dot(y_pred - y, x[:, 1])
    b = b - (lr / size) * np.sum(y_pred - y)
p = sigmoid(w1 * x[:, 0] + w2 * x[:, 1] + b)
print(f"loss at iteration 3000: {float(loss(p))!r}")
print(f"w = ({float(w1)!r}, {float(w2)!r}), b = {float(b)!r}, accuracy {float(np.mean((p >= 0.5) == y))!r}")
