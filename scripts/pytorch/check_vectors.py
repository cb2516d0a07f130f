"""Runs a generated project's losses.py against the reference vectors in float64.

    /usr/bin/python3 scripts/pytorch/check_vectors.py <generated project dir> <vectors.json>

Every value and gradient must be within 1e-6 of the reference (relative above magnitude 1, since
alpha = 1000 and u = 1000 cases reach large values). One line per case; exit status 1 on any failure;
an unknown loss kind is a failure, never a skip.
"""
import json
import sys

import torch

TOL = 1e-6


def main():
    project, vectors = sys.argv[1], sys.argv[2]
    sys.path.insert(0, project)
    import losses as L  # the generated module under test

    data = json.load(open(vectors))
    failed = 0
    for c in data["cases"]:
        problems = []
        worst = 0.0
        try:
            out = evaluate(L, c)
        except Exception as e:  # an exception is a result: an expected error, or a failure
            out = {"error": str(e)}
        expected = flatten_expected(c["expected"])
        if "error" in expected:
            if "error" not in out:
                problems.append("expected an error, none raised")
        elif "error" in out:
            problems.append(f"raised: {out['error']}")
        else:
            for key, want in expected.items():
                got = out.get(key)
                if got is None:
                    problems.append(f"{key}: not computed")
                    continue
                a, e = flat(got), flat(want)
                if len(a) != len(e):
                    problems.append(f"{key}: {len(a)} values, expected {len(e)}")
                    continue
                for x, y in zip(a, e):
                    dev = abs(x - y) / max(1.0, abs(y))
                    worst = max(worst, dev if dev == dev else float("inf"))
                    if not dev <= TOL:
                        problems.append(f"{key}: {x} vs {y}")
                        break
        ok = not problems
        failed += 0 if ok else 1
        print(("PASS " if ok else "FAIL ") + c["id"] + f"  worst {worst:.2e}" + ("" if ok else "  " + "; ".join(problems)))
    print(f"{len(data['cases']) - failed}/{len(data['cases'])} cases pass in float64 (tolerance {TOL})")
    return 1 if failed else 0


def flat(x):
    if isinstance(x, (list, tuple)):
        return [v for item in x for v in flat(item)]
    return [float(x)]


def flatten_expected(exp):
    out = {}
    for k, v in exp.items():
        if k == "grad" and isinstance(v, dict):
            for g, gv in v.items():
                out[f"grad.{g}"] = gv
        else:
            out[k] = v
    return out


def t(x, grad=False):
    return torch.tensor(x, dtype=torch.float64, requires_grad=grad)


def lossgrads(fn, **tensors):
    value = fn(**tensors)
    grads = torch.autograd.grad(value, list(tensors.values()), allow_unused=True)
    out = {"loss": value.item()}
    for name, g in zip(tensors, grads):
        out[f"grad.{name}"] = (torch.zeros_like(tensors[name]) if g is None else g).tolist()
    return out


def evaluate(L, c):
    p, inp, kind = c["params"], c["inputs"], c["loss"]
    labels = torch.tensor(inp.get("labels", []), dtype=torch.long)
    if kind == "softmax":
        return lossgrads(lambda logits: L.softmax_cross_entropy(logits, labels), logits=t(inp["logits"], True))
    if kind == "heated_softmax":
        return lossgrads(lambda embeddings, weights: L.heated_softmax_loss(embeddings, weights, labels, p["alpha"], p["eps"]),
                         embeddings=t(inp["embeddings"], True), weights=t(inp["weights"], True))
    if kind == "cosface":
        return lossgrads(lambda embeddings, weights: L.cosface_loss(embeddings, weights, labels, p["scale"], p["margin"], p["eps"], p["feature_eps"]),
                         embeddings=t(inp["embeddings"], True), weights=t(inp["weights"], True))
    if kind == "center":
        centers = t(inp["centers"])
        out = lossgrads(lambda embeddings: L.center_loss(embeddings, centers, labels), embeddings=t(inp["embeddings"], True))
        out["centers_after_update"] = L.update_centers(centers, t(inp["embeddings"]), labels, p["alpha_c"]).tolist()
        return out
    if kind == "triplet":
        return lossgrads(lambda embeddings: L.triplet_loss(embeddings, labels, p["margin"], p["mining"], p["squared"], False, p["eps"]),
                         embeddings=t(inp["embeddings"], True))
    if kind == "pair_binary":
        w, b = t(inp["head_weight"]), t(inp["head_bias"])
        return lossgrads(lambda embeddings: L.pair_binary_loss(embeddings, labels, inp["pairs"], w, b), embeddings=t(inp["embeddings"], True))
    if kind == "simplex_centers":
        return {"centers": L.simplex_centers(p["classes"], p["dim"], p["u"])}
    if kind in ("simplex", "simplex_hinge", "simplex_softmax"):
        f = t(inp["embeddings"], True)
        classes, dim, u = inp["classes"], f.shape[1], p["u"]
        v = t(L.simplex_centers(classes, dim, u))
        if kind == "simplex":
            out = lossgrads(lambda embeddings: L.simplex_mse_loss(embeddings, v, labels), embeddings=f)
            out["prediction"] = L.nearest_center(f.detach(), v)[0].tolist()
            return out
        if kind == "simplex_hinge":
            tau = L.simplex_hinge_tau(classes, dim, u)
            return lossgrads(lambda embeddings: L.simplex_hinge_loss(embeddings, v, labels, tau), embeddings=f)
        return lossgrads(lambda embeddings: L.simplex_softmax_loss(embeddings, v, labels), embeddings=f)
    raise ValueError(f"unknown loss kind {kind!r}")


if __name__ == "__main__":
    sys.exit(main())
