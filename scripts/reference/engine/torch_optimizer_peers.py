"""The torch.optim peer of each optimizer of the vocabulary, one row per rule, for
differential_numbers.py: the base learning rate its random cases draw below, the keys it sets to
random non-default values (drawn in this order), and the torch optimizer with those values.

A new rule of the vocabulary is one row of `PEERS` here; differential_numbers.py stops on a
mini-batch rule that has none. `swift test` never runs this.
"""

import math
from dataclasses import dataclass
from typing import Callable

import torch


def rnd(rng, lo, hi, digits=3):
    """A uniform draw rounded so the spec's text and the peer's value are the same number."""
    return float(round(rng.uniform(lo, hi), digits))


def log_rnd(rng, lo, hi):
    return float(f"{math.exp(rng.uniform(math.log(lo), math.log(hi))):.3g}")


@dataclass
class Peer:
    base_rate: float  # the random cases draw the learning rate in [base_rate / 4, base_rate]
    optimizer: Callable  # the torch.optim class
    keys: list  # (spec key, draw(rng) -> value, or None to leave the key out), in draw order
    arguments: Callable  # the spec's optimizer mapping -> torch's keyword arguments


BETAS = [("beta1", lambda r: rnd(r, 0.5, 0.95, 2)), ("beta2", lambda r: rnd(r, 0.9, 0.9999, 4)),
         ("eps", lambda r: log_rnd(r, 1e-8, 1e-3))]


def betas(o):
    return {"betas": (o.get("beta1", 0.9), o.get("beta2", 0.999)), "eps": o.get("eps", 1e-8)}


def heavy_ball(nesterov):
    return lambda o: {"momentum": o.get("momentum", 0.9), "nesterov": nesterov}


PEERS = {
    "gd": Peer(0.3, torch.optim.SGD, [], lambda o: {}),
    "sgd": Peer(0.1, torch.optim.SGD, [], lambda o: {}),
    "momentum": Peer(0.05, torch.optim.SGD, [("momentum", lambda r: rnd(r, 0.1, 0.95, 2))],
                     heavy_ball(False)),
    "nesterov": Peer(0.05, torch.optim.SGD, [("momentum", lambda r: rnd(r, 0.1, 0.95, 2))],
                     heavy_ball(True)),
    "rmsprop": Peer(0.01, torch.optim.RMSprop,
                    [("alpha", lambda r: rnd(r, 0.8, 0.999, 3)),
                     ("eps", lambda r: log_rnd(r, 1e-8, 1e-3)),
                     ("momentum", lambda r: rnd(r, 0.1, 0.9, 2) if r.random() < 0.5 else None)],
                    lambda o: {"alpha": o.get("alpha", 0.99), "eps": o.get("eps", 1e-8),
                               "momentum": o.get("momentum", 0.0)}),
    "adam": Peer(0.03, torch.optim.Adam, BETAS, betas),
    "adamw": Peer(0.03, torch.optim.AdamW, BETAS, betas),
    "adagrad": Peer(0.1, torch.optim.Adagrad,
                    [("lr_decay", lambda r: rnd(r, 0.0, 0.2, 3)),
                     ("initial_accumulator_value", lambda r: rnd(r, 0.0, 0.5, 2)),
                     ("eps", lambda r: log_rnd(r, 1e-10, 1e-4))],
                    lambda o: {"lr_decay": o.get("lr_decay", 0.0), "eps": o.get("eps", 1e-10),
                               "initial_accumulator_value": o.get("initial_accumulator_value",
                                                                  0.0)}),
    "nadam": Peer(0.03, torch.optim.NAdam,
                  BETAS + [("momentum_decay", lambda r: log_rnd(r, 1e-3, 0.05))],
                  lambda o: {**betas(o), "momentum_decay": o.get("momentum_decay", 0.004)}),
    "adamax": Peer(0.03, torch.optim.Adamax, BETAS, betas),
}


def random_keys(rng, kind, o):
    """Sets the rule's own keys of the spec's optimizer mapping `o` to random values."""
    for key, draw in PEERS[kind].keys:
        value = draw(rng)
        if value is not None:
            o[key] = value


def make_optimizer(opt, weights, biases):
    """The torch peer of the spec's optimizer mapping `opt`: weight decay on the weights' group
    only (the runner never decays biases), AdamW's default 0.01 as torch's."""
    kind = opt["type"]
    lr = opt.get("learning_rate", 0.01)
    wd = opt.get("weight_decay", 0.01 if kind == "adamw" else 0.0)
    groups = [{"params": weights, "weight_decay": wd}, {"params": biases, "weight_decay": 0.0}]
    peer = PEERS[kind]
    return peer.optimizer(groups, lr=lr, foreach=False, **peer.arguments(opt))
