"""The page's metrics (src/metrics): accuracy, recall@K, MAP@R, NMI of k-means, open-set AUROC.

Retrieval is leave-one-out on the test embeddings with Euclidean distance; in an open-set run
accuracy, recall, MAP@R and NMI use the known samples and AUROC all of them (unknown = positive).
"""
import math

import torch

RECALL_KS = (1, 2, 4, 8)


def accuracy(predictions, labels):
    return (predictions == labels).double().mean().item() if len(labels) else float("nan")


def _neighbours(points, k):
    d = torch.cdist(points.double(), points.double())
    d.fill_diagonal_(float("inf"))
    return d.topk(min(k, len(points) - 1), dim=1, largest=False).indices


def recall_at_k(points, labels, ks=RECALL_KS):
    nb = _neighbours(points, max(ks))
    hit = labels[nb] == labels[:, None]
    return {k: hit[:, :k].any(1).double().mean().item() for k in ks}


def map_at_r(points, labels):
    """Musgrave et al. 2020: R = the other samples of a query's class; mean over queries of (1/R) sum_{i<=R} P(i) rel(i)."""
    counts = torch.bincount(labels)
    r = counts[labels] - 1
    nb = _neighbours(points, int(r.max().item()))
    total, queries = 0.0, 0
    for i in range(len(labels)):
        ri = int(r[i])
        if ri == 0:
            continue
        rel = (labels[nb[i, :ri]] == labels[i]).double()
        precision = rel.cumsum(0) / torch.arange(1, ri + 1, dtype=torch.float64)
        total += (precision * rel).sum().item() / ri
        queries += 1
    return total / queries if queries else float("nan")


def kmeans(points, k, seed, iterations=100):
    """k-means++ seeding (seeded) then Lloyd's iterations."""
    g = torch.Generator().manual_seed(int(seed))
    x = points.double()
    centers = [x[torch.randint(len(x), (1,), generator=g)].squeeze(0)]
    for _ in range(1, k):
        d2 = torch.cdist(x, torch.stack(centers)).min(1).values ** 2
        if d2.sum() <= 0:
            centers.append(x[torch.randint(len(x), (1,), generator=g)].squeeze(0))
        else:
            centers.append(x[torch.multinomial(d2 / d2.sum(), 1, generator=g)].squeeze(0))
    c = torch.stack(centers)
    assign = None
    for _ in range(iterations):
        new = torch.cdist(x, c).argmin(1)
        if assign is not None and torch.equal(new, assign):
            break
        assign = new
        for j in range(k):
            members = x[assign == j]
            if len(members):
                c[j] = members.mean(0)
    return assign


def nmi(a, b):
    """Normalised mutual information, arithmetic normalisation (scikit-learn's default)."""
    n = len(a)
    ua, ia = torch.unique(a, return_inverse=True)
    ub, ib = torch.unique(b, return_inverse=True)
    table = torch.zeros(len(ua), len(ub), dtype=torch.float64)
    table.index_put_((ia, ib), torch.ones(n, dtype=torch.float64), accumulate=True)
    pa, pb, pab = table.sum(1) / n, table.sum(0) / n, table / n

    def entropy(p):
        p = p[p > 0]
        return -(p * p.log()).sum().item()

    nz = pab > 0
    mi = (pab[nz] * (pab[nz] / (pa[:, None] * pb[None, :])[nz]).log()).sum().item()
    ha, hb = entropy(pa), entropy(pb)
    if ha == 0 and hb == 0:
        return 1.0
    return max(0.0, mi / ((ha + hb) / 2)) if ha + hb > 0 else 0.0


def auroc(scores, positive):
    """Probability that an unknown (positive) sample scores above a known one; ties count half."""
    s = scores.double()
    pos, neg = s[positive], s[~positive]
    if len(pos) == 0 or len(neg) == 0:
        return None
    greater = (pos[:, None] > neg[None, :]).double().sum()
    ties = (pos[:, None] == neg[None, :]).double().sum()
    return ((greater + 0.5 * ties) / (len(pos) * len(neg))).item()


def evaluate(points, labels, predictions, seed, unknown=None, unknown_scores=None, trunk_predictions=None):
    keep = ~unknown if unknown is not None else torch.ones(len(labels), dtype=torch.bool)
    p, y = points[keep], labels[keep]
    finite = bool(torch.isfinite(p).all())
    out = {
        "accuracy": accuracy(predictions[keep], y),
        "recall": recall_at_k(p, y) if finite else {k: float("nan") for k in RECALL_KS},
        "mapAtR": map_at_r(p, y) if finite else float("nan"),
        "nmi": nmi(kmeans(p, len(torch.unique(y)), seed), y) if finite else float("nan"),
        "auroc": auroc(unknown_scores, unknown) if unknown is not None and unknown_scores is not None else None,
    }
    if trunk_predictions is not None:
        out["trunkAccuracy"] = accuracy(trunk_predictions[keep], y)
    return out
