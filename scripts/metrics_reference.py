#!/usr/bin/env python3
"""Independent reference values for src/metrics (and the PCA in src/viz/projection.ts).

Written from the definitions, not from the TypeScript: distances by direct differences, neighbours by
a full stable sort, recall@K and MAP@R by brute force per query, NMI from the contingency table, AUROC
by counting (positive, negative) pairs, Lloyd's k-means step by step, PCA by numpy.linalg.eigh.
numpy only (no scikit-learn).

    python3 scripts/metrics_reference.py > src/metrics/__fixtures__/reference.json

Points are float32 values (stored exactly in the JSON) so the TypeScript side can load them into a
Float32Array without rounding; all arithmetic here is float64.
"""
import json
import numpy as np

KS = (1, 2, 4, 8)


def sq_distances(x):
    diff = x[:, None, :] - x[None, :, :]
    return (diff * diff).sum(axis=2)


def ranking(dist, q):
    """Other points in rank order: nearer first, ties broken by the lower index."""
    others = np.array([j for j in range(dist.shape[0]) if j != q])
    order = np.lexsort((others, dist[q, others]))  # last key is primary
    return others[order]


def recall_at_k(dist, labels):
    hits = {k: 0 for k in KS}
    queries = 0
    for q in range(len(labels)):
        if np.sum(labels == labels[q]) == 1:
            continue  # lone query: nothing to retrieve
        queries += 1
        ranked = ranking(dist, q)
        for k in KS:
            if np.any(labels[ranked[:k]] == labels[q]):
                hits[k] += 1
    return {str(k): hits[k] / queries for k in KS}


def map_at_r(dist, labels):
    total = 0.0
    queries = 0
    for q in range(len(labels)):
        r = int(np.sum(labels == labels[q])) - 1
        if r == 0:
            continue
        ranked = ranking(dist, q)[:r]
        rel = (labels[ranked] == labels[q]).astype(float)
        precision = np.cumsum(rel) / np.arange(1, r + 1)
        total += float(np.sum(precision * rel)) / r
        queries += 1
    return total / queries


def nmi(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    ua, ia = np.unique(a, return_inverse=True)
    ub, ib = np.unique(b, return_inverse=True)
    if len(ua) == len(ub) and len(ua) <= 1:
        return 1.0
    table = np.zeros((len(ua), len(ub)))
    np.add.at(table, (ia, ib), 1)
    n = table.sum()
    pij = table / n
    pi = pij.sum(axis=1, keepdims=True)
    pj = pij.sum(axis=0, keepdims=True)
    nz = pij > 0
    mi = float(np.sum(pij[nz] * np.log(pij[nz] / (pi @ pj)[nz])))
    mi = max(mi, 0.0)
    if mi == 0.0:
        return 0.0
    h = lambda p: float(-np.sum(p[p > 0] * np.log(p[p > 0])))
    return mi / max((h(pi) + h(pj)) / 2, np.finfo(float).eps)


def auroc_pairs(scores, positive):
    pos = scores[positive == 1]
    neg = scores[positive == 0]
    wins = 0.0
    for s in pos:
        wins += np.sum(s > neg) + 0.5 * np.sum(s == neg)
    return wins / (len(pos) * len(neg))


def lloyd(x, centers, max_iter):
    centers = centers.copy()
    def assign(c):
        d = sq_distances_to(x, c)
        return np.argmin(d, axis=1)  # first minimum = lower center index
    current = assign(centers)
    it = 0
    while it < max_iter:
        it += 1
        for c in range(len(centers)):
            members = x[current == c]
            if len(members):
                centers[c] = members.mean(axis=0)
        nxt = assign(centers)
        changed = np.any(nxt != current)
        current = nxt
        if not changed:
            break
    inertia = float(np.sum((x - centers[current]) ** 2))
    return current, centers, inertia, it


def sq_distances_to(x, c):
    diff = x[:, None, :] - c[None, :, :]
    return (diff * diff).sum(axis=2)


def metric_case(seed, n, d, classes, grid=False, lone_class=None):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, classes, size=n)
    if lone_class is not None:
        labels[labels == lone_class] = (lone_class + 1) % classes
        labels[n // 2] = lone_class
    means = rng.normal(0, 3, size=(classes, d))
    x = means[labels] + rng.normal(0, 1.5, size=(n, d))
    if grid:
        x = np.round(x)  # integer grid: many exact distance ties exercise the index tie-break
    x[5] = x[17]  # an exact duplicate point
    x = x.astype(np.float32).astype(np.float64)
    predictions = np.where(rng.random(n) < 0.7, labels, rng.integers(0, classes, size=n))
    unknown = (labels >= classes - 3).astype(int)
    scores = np.round(rng.normal(0, 1, size=n) + unknown, 1)  # rounded: ties between pos and neg
    dist = sq_distances(x)
    knn = np.array([ranking(dist, q)[:8] for q in range(n)])
    confusion = np.zeros((classes, classes), dtype=int)
    np.add.at(confusion, (labels, predictions), 1)
    rows = confusion.sum(axis=1)
    per_class = [float(confusion[c, c] / rows[c]) if rows[c] else None for c in range(classes)]
    k_assign, _, k_inertia, k_iters = lloyd(x, x[:classes].copy(), 100)
    return {
        "seed": seed, "n": n, "dim": d, "classes": classes, "grid": grid,
        "points": x.ravel().tolist(),
        "labels": labels.tolist(),
        "predictions": predictions.tolist(),
        "unknownMask": unknown.tolist(),
        "unknownScores": scores.tolist(),
        "distanceRowSums": dist.sum(axis=1).tolist(),
        "distanceSamples": [[i, j, float(dist[i, j])] for i, j in [(0, 1), (3, 150), (17, 5), (n - 1, 0)]],
        "knn8": knn.ravel().tolist(),
        "recall": recall_at_k(dist, labels),
        "mapAtR": map_at_r(dist, labels),
        "accuracy": float(np.mean(predictions == labels)),
        "confusion": confusion.tolist(),
        "perClass": per_class,
        "nmiLabelsPredictions": nmi(labels, predictions),
        "auroc": auroc_pairs(scores, unknown),
        "lloydFromFirstPoints": {"assignments": k_assign.tolist(), "inertia": k_inertia, "iterations": k_iters},
    }


def nmi_cases(seed):
    rng = np.random.default_rng(seed)
    out = []
    for n, ka, kb in [(50, 3, 4), (200, 10, 10), (120, 2, 7), (30, 1, 5)]:
        a = rng.integers(0, ka, size=n)
        b = rng.integers(0, kb, size=n)
        out.append({"a": a.tolist(), "b": b.tolist(), "nmi": nmi(a, b)})
    a = rng.integers(0, 5, size=100)
    out.append({"a": a.tolist(), "b": ((a * 7 + 3) % 5).tolist(), "nmi": nmi(a, (a * 7 + 3) % 5)})
    return out


def pca_case(seed, n, d):
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    scales = np.linspace(5, 0.5, d)
    x = (rng.normal(size=(n, d)) * scales) @ q.T + rng.normal(0, 2, size=d)
    x = x.astype(np.float32).astype(np.float64)
    cov = np.cov(x, rowvar=False)
    values, vectors = np.linalg.eigh(cov)
    order = np.argsort(values)[::-1]
    return {
        "seed": seed, "n": n, "dim": d,
        "points": x.ravel().tolist(),
        "eigenvalues": values[order][:3].tolist(),
        "components": vectors[:, order[:3]].T.ravel().tolist(),  # [3][d], sign arbitrary
        "mean": x.mean(axis=0).tolist(),
    }


def main():
    reference = {
        "metrics": [
            metric_case(1, 200, 2, 10),
            metric_case(2, 180, 5, 10, lone_class=9),
            metric_case(3, 220, 8, 10),
            metric_case(4, 200, 2, 10, grid=True),
        ],
        "nmi": nmi_cases(5),
        "pca": [pca_case(6, 300, 5), pca_case(7, 200, 16)],
    }
    print(json.dumps(reference, separators=(",", ":")))


if __name__ == "__main__":
    main()
