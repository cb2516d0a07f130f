"""The losses of the playground (its docs/losses.md), as pure PyTorch functions of tensors.

Each mirrors src/losses/*.ts of the page: the same formulas, masks as constants (no gradient flows
through a mining decision), 0 rather than NaN for a batch without a valid triplet or pair, and
max-subtracted log-softmax for large alpha. Dtype-agnostic: the reference-vector test runs them in
float64, training in float32.
"""
import math

import torch
import torch.nn.functional as F

HEATED_EPS = 1e-4  # the original heated-up softmax code's epsilon
DISTANCE_EPS = 1e-12  # under the square root of a distance: finite gradient at a = b
TRIPLET_NORM_EPS = 1e-12  # tf.nn.l2_normalize's epsilon (Taha et al.'s released code)


def safe_mean(total, count):
    return total / torch.clamp(count, min=1)


# ---- 1. softmax -------------------------------------------------------------------------------

def cross_entropy_per_sample(logits, labels):
    return -F.log_softmax(logits, dim=1).gather(1, labels.long()[:, None]).squeeze(1)


def softmax_cross_entropy(logits, labels):
    return cross_entropy_per_sample(logits, labels).mean()


def linear_logits(f, w, b=None):
    z = f @ w
    return z + b if b is not None else z


def max_prob_unknown_score(logits):
    """log((1 - p_max) / p_max): logsumexp of the other logits minus the top one (distinct in float32)."""
    top = F.one_hot(logits.argmax(1), logits.shape[1]).bool()
    others = logits.masked_fill(top, float("-inf"))
    return torch.logsumexp(others, 1) - logits.max(1).values


# ---- 2. heated-up softmax -----------------------------------------------------------------------

def l2_normalize(x, dim, eps=HEATED_EPS):
    return x / torch.sqrt((x * x).sum(dim, keepdim=True) + eps)


def heated_logits(f, w, alpha, eps=HEATED_EPS, feature_eps=None):
    # feature_eps: the page's "Feature ε" (f̂ only; the class weights keep eps)
    return (l2_normalize(f, 1, eps if feature_eps is None else feature_eps) @ l2_normalize(w, 0, eps)) * alpha


def heated_softmax_loss(f, w, labels, alpha, eps=HEATED_EPS, feature_eps=None):
    return softmax_cross_entropy(heated_logits(f, w, alpha, eps, feature_eps), labels)


# ---- 3. center loss ---------------------------------------------------------------------------

def _counts_and_sums(f, labels, classes):
    y = labels.long()
    counts = torch.zeros(classes, 1, dtype=f.dtype, device=f.device).index_add_(0, y, torch.ones(len(y), 1, dtype=f.dtype, device=f.device))
    sums = torch.zeros(classes, f.shape[1], dtype=f.dtype, device=f.device).index_add_(0, y, f)
    return counts, sums


def center_loss(f, centers, labels):
    """1/2 * mean_i ||f_i - c_{y_i}||^2 (without lambda); centers are constants here."""
    return 0.5 * ((f - centers[labels.long()]) ** 2).sum(1).mean()


@torch.no_grad()
def update_centers(centers, f, labels, rate):
    """Wen et al.: c_k <- c_k - rate * sum_{i: y_i = k}(c_k - f_i) / (1 + n_k); absent classes stay."""
    counts, sums = _counts_and_sums(f, labels, centers.shape[0])
    delta = (counts * centers - sums) / (counts + 1)
    return centers - rate * delta


@torch.no_grad()
def initialise_centers(centers, seen, f, labels):
    """Centers of classes seen for the first time start at their mean in this batch."""
    counts, sums = _counts_and_sums(f, labels, centers.shape[0])
    means = sums / torch.clamp(counts, min=1)
    in_batch = (counts > 0).to(f.dtype)
    fresh = in_batch * (1 - seen)
    return fresh * means + (1 - fresh) * centers, torch.maximum(seen, in_batch)


# ---- 4. triplet -------------------------------------------------------------------------------

def pairwise_squared_distance(a, b):
    # direct differences, not |a|^2 + |b|^2 - 2ab, which cancels for near-identical rows
    return ((a[:, None, :] - b[None, :, :]) ** 2).sum(2)


def pairwise_distance(a, b, squared=False, eps=DISTANCE_EPS):
    sq = pairwise_squared_distance(a, b)
    return sq if squared else torch.sqrt(sq + eps)


def label_masks(labels):
    y = labels.long()
    same = (y[:, None] == y[None, :]).float()
    n = len(y)
    return same - torch.eye(n, device=same.device), 1 - same


def triplet_embedding(f, normalize):
    return l2_normalize(f, 1, TRIPLET_NORM_EPS) if normalize else f


def triplet_loss(embeddings, labels, margin, mining, squared=False, normalize=False, eps=DISTANCE_EPS):
    f = triplet_embedding(embeddings, normalize)
    dist = pairwise_distance(f, f, squared, eps)
    if mining == "batch_all":
        return _batch_all(dist, labels, margin)
    if mining == "batch_hard":
        return _batch_hard(dist, labels, margin)
    if mining == "semi_hard":
        return _semi_hard(dist, labels, margin)
    raise ValueError(f"unknown mining {mining!r}")


def _batch_all(dist, labels, margin):
    pos, neg = label_masks(labels)
    valid = (pos[:, :, None] * neg[:, None, :]).to(dist.dtype)
    hinged = F.relu(dist[:, :, None] - dist[:, None, :] + margin) * valid
    active = (hinged.detach() > 0).sum().to(dist.dtype)
    return safe_mean(hinged.sum(), active)


def _batch_hard(dist, labels, margin):
    pos, neg = label_masks(labels)
    d = dist.detach()
    n = d.shape[0]
    # a tie goes to the first index, as torch.argmax / argmin do (the reference vectors' convention)
    hardest_pos = torch.where(pos > 0, d, torch.full_like(d, float("-inf"))).argmax(1)
    hardest_neg = torch.where(neg > 0, d, torch.full_like(d, float("inf"))).argmin(1)
    dap = (dist * F.one_hot(hardest_pos, n).to(dist.dtype)).sum(1)
    dan = (dist * F.one_hot(hardest_neg, n).to(dist.dtype)).sum(1)
    anchors = ((pos.sum(1) > 0) & (neg.sum(1) > 0)).to(dist.dtype)
    return safe_mean((F.relu(dap - dan + margin) * anchors).sum(), anchors.sum())


def _tied(values, allowed, best):
    """Weights picking `best` among the allowed entries of the last axis; ties share, as TensorFlow's reduce_min gradient."""
    hit = (allowed & (values == best)).to(values.dtype)
    return hit / torch.clamp(hit.sum(-1, keepdim=True), min=1)


def _semi_hard(dist, labels, margin):
    """TensorFlow's triplet_semihard_loss: per positive pair, the closest negative farther than the positive, else the farthest."""
    pos, neg = label_masks(labels)
    d = dist.detach()
    n = d.shape[0]
    is_neg = neg > 0
    dan3 = d[:, None, :].expand(n, n, n)
    candidates = is_neg[:, None, :] & (dan3 > d[:, :, None])
    best_out = torch.where(candidates, dan3, torch.full_like(dan3, float("inf"))).min(2, keepdim=True).values
    outside = _tied(dan3, candidates, best_out)
    best_in = torch.where(is_neg, d, torch.full_like(d, float("-inf"))).max(1, keepdim=True).values
    inside = _tied(d, is_neg, best_in)
    chosen = torch.where(candidates.any(2, keepdim=True), outside, inside[:, None, :].expand(n, n, n))
    dan = (chosen * dist[:, None, :]).sum(2)
    pairs = pos * (neg.sum(1, keepdim=True) > 0).to(dist.dtype)
    return safe_mean((F.relu(dist - dan + margin) * pairs).sum(), pairs.sum())


# ---- 5. category + binary verification ---------------------------------------------------------

def make_pairs(labels):
    """Sample i with the next same-label sample (i even) or next other-label one (i odd), cyclically; the other kind when the wanted one is missing."""
    y = [int(v) for v in labels]
    n = len(y)
    out = []
    if n < 2:
        return out
    for i in range(n):
        same = diff = -1
        for k in range(1, n):
            if same >= 0 and diff >= 0:
                break
            j = (i + k) % n
            if y[j] == y[i]:
                if same < 0:
                    same = j
            elif diff < 0:
                diff = j
        if i % 2 == 0:
            out.append((i, same if same >= 0 else diff))
        else:
            out.append((i, diff if diff >= 0 else same))
    return out


def pair_binary_loss(f, labels, pairs, w, b):
    """Mean BCE of sigmoid((f_i - f_j)^2 . w + b) against [y_i = y_j], as softplus(z) - t*z."""
    if len(pairs) == 0:
        return f.sum() * 0
    idx = torch.as_tensor(pairs, dtype=torch.long, device=f.device)
    i, j = idx[:, 0], idx[:, 1]
    z = ((f[i] - f[j]) ** 2) @ w + b
    y = labels.long()
    t = (y[i] == y[j]).to(f.dtype)
    return (F.softplus(z) - t * z).mean()


# ---- 6. simplex centers -----------------------------------------------------------------------

def simplex_min_dim(classes):
    return max(classes - 1, 1)


def simplex_centers(classes, dim, u):
    """The first `classes` vertices of the regular simplex in R^dim, radius u (float64 lists)."""
    if classes < 1:
        raise ValueError(f"the simplex loss needs at least one class (got {classes})")
    if dim < simplex_min_dim(classes):
        raise ValueError(f"the simplex loss needs an embedding of at least C-1 = {simplex_min_dim(classes)} dimensions for {classes} classes (got {dim})")
    k = dim
    c = -(1 + math.sqrt(k + 1)) / k ** 1.5
    s = math.sqrt((k + 1) / k)
    out = []
    for j in range(classes):
        v = [1 / math.sqrt(k) if j == 0 else c] * k
        if j > 0:
            v[j - 1] += s
        out.append([x * u for x in v])
    return out


def simplex_hinge_tau(classes, dim, u):
    v = simplex_centers(max(classes, 2), dim, u)
    return math.sqrt(sum((a - b) ** 2 for a, b in zip(v[0], v[1]))) / 10


def simplex_mse_loss(f, centers, labels):
    return ((f - centers[labels.long()]) ** 2).mean()


def simplex_hinge_loss(f, centers, labels, tau):
    sq = ((f - centers[labels.long()]) ** 2).sum(1)
    return F.relu(sq - tau).sum() / (4 * f.shape[0])


def simplex_softmax_loss(f, centers, labels):
    return cross_entropy_per_sample(f @ centers.T, labels).sum() / (f.shape[0] * centers.shape[0])


def nearest_center(f, centers):
    d = pairwise_squared_distance(f, centers)
    best = d.min(1)
    return best.indices, torch.sqrt(best.values)


# ---- 8. additive-margin softmax (CosFace) ------------------------------------------------------

def cosface_logits(f, w, labels, scale, margin, eps=HEATED_EPS, feature_eps=None):
    # the heated-up logits at alpha 1 are the cosines; the margin comes off the true class only
    cos = heated_logits(f, w, 1, eps, feature_eps)
    return (cos - margin * F.one_hot(labels, cos.shape[1]).to(cos.dtype)) * scale


def cosface_loss(f, w, labels, scale, margin, eps=HEATED_EPS, feature_eps=None):
    return softmax_cross_entropy(cosface_logits(f, w, labels, scale, margin, eps, feature_eps), labels)
