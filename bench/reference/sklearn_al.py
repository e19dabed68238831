"""The plain scikit-learn active-learning loop of DESIGN.md, run as the same-run reference
for `npm run bench:al`.

LogisticRegression (scikit-learn defaults: L2, C = 1, lbfgs, max_iter 100) on pixels / 255;
for each seed the pool the benchmark hands over (the same rows the studio's loop draws), 100
random labels to start, +100 per round by the strategy (random, entropy top-k, margin top-k),
all labels used for training (no val split), accuracy on the official test set after each
round. Reports the labels of the first round at or above the target (no interpolation).

Usage: python3 sklearn_al.py DATA.json  (written by bench/activeLearning.ts); prints one JSON line.
"""
import json
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression


def scores(strategy, p, rng):
    if strategy == "random":
        return rng.random(p.shape[0])
    if strategy == "entropy":
        return -(p * np.log(np.clip(p, 1e-12, 1))).sum(1)
    top2 = np.sort(p, axis=1)[:, -2:]
    return 1 - (top2[:, 1] - top2[:, 0])


def run(x, y, xt, yt, pool, strategy, seed, initial, batch, rounds, target):
    rng = np.random.default_rng(seed)
    labeled = list(rng.choice(pool, size=initial, replace=False))
    curve = []
    for round_ in range(rounds + 1):
        model = LogisticRegression(max_iter=100)
        model.fit(x[labeled], y[labeled])
        accuracy = float((model.predict(xt) == yt).mean())
        curve.append({"labels": len(labeled), "accuracy": round(accuracy, 4)})
        if accuracy >= target or round_ == rounds:
            break
        taken = set(labeled)
        candidates = np.array([r for r in pool if r not in taken])
        s = scores(strategy, model.predict_proba(x[candidates]), rng)
        labeled += list(candidates[np.argsort(-s, kind="stable")[:batch]])
    first = next((p["labels"] for p in curve if p["accuracy"] >= target), None)
    return {"seed": seed, "curve": curve, "labelsToTarget": first}


def main():
    meta = json.load(open(sys.argv[1]))
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    dim = meta["dim"]
    x = np.fromfile(meta["train_x"], dtype=np.float32).reshape(-1, dim)
    y = np.fromfile(meta["train_y"], dtype=np.int32)
    xt = np.fromfile(meta["test_x"], dtype=np.float32).reshape(-1, dim)
    yt = np.fromfile(meta["test_y"], dtype=np.int32)
    started = time.perf_counter()
    out = {}
    for strategy in meta["strategies"]:
        runs = [run(x, y, xt, yt, np.array(pool), strategy, seed, meta["initial"], meta["batch"], meta["rounds"], meta["target"])
                for seed, pool in zip(meta["seeds"], meta["pools"])]
        reached = [r["labelsToTarget"] for r in runs]
        out[strategy] = {"seeds": runs, "labelsToTarget": round(sum(reached) / len(reached)) if None not in reached else None}
    print(json.dumps({"strategies": out, "seconds": time.perf_counter() - started}))


if __name__ == "__main__":
    main()
