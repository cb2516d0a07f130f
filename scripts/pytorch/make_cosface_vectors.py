"""Reference cases for the additive-margin softmax (CosFace), docs/losses.md §9, into vectors.json.

Written from the formula alone, in float64 with PyTorch autograd; it imports nothing of the project,
so the TF.js loss (src/losses/cosface/) and the export's losses.py are checked against an
independent implementation. Run: python3 scripts/pytorch/make_cosface_vectors.py [vectors.json]
(replaces the file's "cosface" cases, keeps every other case as it is).
"""
import json
import sys

import torch

torch.set_default_dtype(torch.float64)
EPS = 1e-4  # ε of the class weights' normalisation (the heated-up softmax's)


def cosface(f, w, labels, scale, margin, feature_eps):
    f_hat = f / torch.sqrt((f ** 2).sum(1, keepdim=True) + feature_eps)
    w_hat = w / torch.sqrt((w ** 2).sum(0, keepdim=True) + EPS)
    cos = f_hat @ w_hat
    z = scale * (cos - margin * torch.eye(w.shape[1])[labels])
    return (torch.logsumexp(z, 1) - z.gather(1, labels[:, None])[:, 0]).mean()


def case(i, gen, n, d, classes, scale, margin, feature_eps, note, labels=None, f_scale=1.0, zero_row=False):
    f = torch.randn(n, d, generator=gen) * f_scale
    if zero_row:
        f[0] = 0.0
    w = torch.randn(d, classes, generator=gen)
    y = torch.tensor(labels if labels is not None else [int(k) for k in torch.randint(classes, (n,), generator=gen)])
    f.requires_grad_(True)
    w.requires_grad_(True)
    loss = cosface(f, w, y, scale, margin, feature_eps)
    gf, gw = torch.autograd.grad(loss, [f, w])
    return {
        "id": f"cosface/{i}", "loss": "cosface",
        "params": {"scale": scale, "margin": margin, "eps": EPS, "feature_eps": feature_eps},
        "inputs": {"embeddings": f.detach().tolist(), "weights": w.detach().tolist(), "labels": y.tolist()},
        "expected": {"loss": loss.item(), "grad": {"embeddings": gf.tolist(), "weights": gw.tolist()}},
        "note": note,
    }


def main(path):
    gen = torch.Generator().manual_seed(20261206)
    cases = [
        case(0, gen, 8, 2, 3, 8.0, 0.1, 1e-4, "2-D, the app's scale and margin, exact normalisation"),
        case(1, gen, 8, 2, 4, 8.0, 0.1, 1000.0, "2-D, the app's Feature ε 1000: features inside the circle", f_scale=20.0),
        case(2, gen, 6, 3, 5, 30.0, 0.35, 1e-4, "the papers' s = 30, m = 0.35"),
        case(3, gen, 6, 2, 3, 8.0, 0.0, 1e-4, "margin 0: the heated-up softmax at α = s"),
        case(4, gen, 5, 2, 3, 64.0, 0.5, 1e-4, "one class in the batch, large scale and margin", labels=[1, 1, 1, 1, 1]),
        case(5, gen, 4, 2, 3, 8.0, 0.1, 1e-4, "a zero feature: ε keeps it finite", zero_row=True),
    ]
    data = json.load(open(path))
    data["cases"] = [c for c in data["cases"] if c["loss"] != "cosface"] + cases
    with open(path, "w") as out:
        json.dump(data, out)
    print(f"wrote {len(cases)} cosface cases to {path}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "test-data/loss-vectors/vectors.json")
