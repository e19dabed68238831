"""Reference for bench/dataQuality.ts: plain cross-validated confident learning.

scikit-learn LogisticRegression out-of-fold probabilities (cross_val_predict, 5 stratified
folds) and the confident-learning rule written here with numpy after cleanlab's defaults
(per-class thresholds, calibrated confident joint, prune by noise rate, rank by
self-confidence). Reads x.f32 (count x dim), given.i32, prints JSON with the ranking.
"""
import json
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict


def round_preserving_sum(row):
    ints = np.round(row)
    target = np.round(row.sum())
    while int(target - ints.sum()) != 0:
        diff = target - ints.sum()
        step = 1 if diff > 0 else -1
        order = np.argsort(row - ints)[::-step][: int(abs(diff))]
        ints[order] += step
    return ints


def label_issues(p, y):
    n, k = p.shape
    counts = np.bincount(y, minlength=k)
    t = np.array([p[y == j, j].mean() if counts[j] else 2.0 for j in range(k)])
    confident = p >= t - 1e-6
    nconf = confident.sum(1)
    guess = np.where(nconf > 1, p.argmax(1), confident.argmax(1))
    cj = np.zeros((k, k))
    for i in np.where(nconf > 0)[0]:
        cj[y[i], guess[i]] += 1
    np.fill_diagonal(cj, np.maximum(cj.diagonal(), 1))
    cj = (cj.T / cj.sum(1) * counts).T
    cj = cj / cj.sum() * counts.sum()
    cj = np.array([round_preserving_sum(r) for r in cj])
    prune = cj.T.copy()
    for col in range(k):
        diag = prune[col, col]
        raised = max(diag, 1)
        spread = (raised - diag) / max(np.count_nonzero(prune[:, col]) - 1, 1)
        prune[:, col] = np.maximum(prune[:, col] - spread, 0)
        prune[col, col] = raised
    prune = prune.astype(int)
    flagged = np.zeros(n, bool)
    for c in range(k):
        members = np.where(y == c)[0]
        if len(members) <= 1:
            continue
        for j in range(k):
            if j != c and prune[j, c] > 0:
                margin = p[members, j] - p[members, c]
                flagged[members[np.argsort(-margin)[: prune[j, c]]]] = True
    pred = (p + 1e-6 * np.eye(k)[y]).argmax(1)
    flagged &= pred != y
    self_conf = p[np.arange(n), y]
    issues = np.where(flagged)[0]
    issues = issues[np.argsort(self_conf[issues], kind="stable")]
    rest = np.where(~flagged)[0]
    rest = rest[np.argsort(self_conf[rest], kind="stable")]
    return issues, np.concatenate([issues, rest])


def main():
    folder, count, dim = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    x = np.fromfile(f"{folder}/x.f32", dtype=np.float32).reshape(count, dim)
    y = np.fromfile(f"{folder}/given.i32", dtype=np.int32)
    started = time.time()
    model = LogisticRegression(max_iter=200, C=1.0)
    p = cross_val_predict(model, x, y, cv=StratifiedKFold(5, shuffle=True, random_state=1), method="predict_proba")
    seconds = time.time() - started
    issues, ranking = label_issues(p, y)
    print(json.dumps({"seconds": seconds, "issues": issues.tolist(), "ranking": ranking.tolist()}))


main()
