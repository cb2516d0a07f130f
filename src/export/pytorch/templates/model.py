"""The page's network (src/engine/backbone.ts) and loss heads (src/losses/<id>/head.ts), in PyTorch.

Weights are plain parameters stored as the page stores them (dense [in][out], applied as x @ W + b)
and drawn from the page's seeded generator in the page's order, so the same seed gives the same
initial network here as in the browser. The flatten before the first dense layer reads the feature
map in NHWC order, as TensorFlow.js does, so those weights line up too.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

import losses as L
from seeded import SeedRandom, glorot_uniform, he_uniform


def _param(values, shape):
    return nn.Parameter(torch.tensor(values, dtype=torch.float32).reshape(shape))


def _zeros(n):
    return nn.Parameter(torch.zeros(n))


class LeNet(nn.Module):
    """conv5x5 valid ReLU -> maxpool 2 -> conv5x5 valid ReLU -> maxpool 2 -> fc ReLU -> fc ReLU -> linear fc (the embedding)."""

    def __init__(self, spec, seed):
        super().__init__()
        rng = SeedRandom(f"backbone:{seed}")
        he = spec["init"] == "he"

        def init(count, fan_in, fan_out):
            return he_uniform(rng, count, fan_in) if he else glorot_uniform(rng, count, fan_in, fan_out)

        c, c1, c2, h1, h2, d = spec["channels"], spec["conv1"], spec["conv2"], spec["hidden1"], spec["hidden2"], spec["embeddingDim"]

        def conv(cin, cout):
            # drawn in TensorFlow's [kh][kw][cin][cout] order, stored as PyTorch's [cout][cin][kh][kw]
            w = torch.tensor(init(25 * cin * cout, 25 * cin, 25 * cout), dtype=torch.float32).reshape(5, 5, cin, cout)
            return nn.Parameter(w.permute(3, 2, 0, 1).contiguous())

        hh = ((spec["height"] - 4) // 2 - 4) // 2
        ww = ((spec["width"] - 4) // 2 - 4) // 2
        flat = hh * ww * c2
        self.conv1_w, self.conv1_b = conv(c, c1), _zeros(c1)
        self.conv2_w, self.conv2_b = conv(c1, c2), _zeros(c2)
        self.fc1_w, self.fc1_b = _param(init(flat * h1, flat, h1), (flat, h1)), _zeros(h1)
        self.fc2_w, self.fc2_b = _param(init(h1 * h2, h1, h2), (h1, h2)), _zeros(h2)
        # the embedding layer is linear (no ReLU after it): Glorot either way
        self.emb_w, self.emb_b = _param(glorot_uniform(rng, h2 * d, h2, d), (h2, d)), _zeros(d)

    def forward(self, x):
        """x: NCHW float. Returns (trunk = the layer before the embedding, feature = the embedding f)."""
        x = F.max_pool2d(F.relu(F.conv2d(x, self.conv1_w, self.conv1_b)), 2)
        x = F.max_pool2d(F.relu(F.conv2d(x, self.conv2_w, self.conv2_b)), 2)
        x = x.permute(0, 2, 3, 1).flatten(1)  # NHWC order, as the page's reshape
        x = F.relu(x @ self.fc1_w + self.fc1_b)
        trunk = F.relu(x @ self.fc2_w + self.fc2_b)
        return trunk, trunk @ self.emb_w + self.emb_b


class TorchvisionBackbone(nn.Module):
    """A torchvision classifier (e.g. resnet18) as the trunk: its output of width hidden2, ReLU, then the linear embedding layer."""

    def __init__(self, name, spec, seed):
        super().__init__()
        import torchvision  # optional: only this switch needs it

        torch.manual_seed(seed)
        net = getattr(torchvision.models, name)(num_classes=spec["hidden2"])
        if spec["channels"] != 3 and hasattr(net, "conv1"):
            old = net.conv1
            net.conv1 = nn.Conv2d(spec["channels"], old.out_channels, old.kernel_size, old.stride, old.padding, bias=old.bias is not None)
        self.net = net
        self.emb = nn.Linear(spec["hidden2"], spec["embeddingDim"])

    def forward(self, x):
        trunk = F.relu(self.net(x))
        return trunk, self.emb(trunk)


def make_backbone(name, spec, seed):
    return LeNet(spec, seed) if name == "lenet" else TorchvisionBackbone(name, spec, seed)


# ---- heads -------------------------------------------------------------------------------------

class Head(nn.Module):
    """What every head shares; `classes`, `params`, `choices` come from experiment.json."""

    unit_circle = False
    has_off_plot_classifier = False

    def __init__(self, run, classes, embedding_dim, trunk_dim, seed, engine):
        super().__init__()
        self.params, self.choices, self.classes, self.engine = run["params"], run["choices"], classes, engine
        self.rng = SeedRandom(f"head:{run['loss']}:{seed}")
        self.planned_steps = 1

    def dense(self, nin, nout, he=False):
        values = he_uniform(self.rng, nin * nout, nin) if he else glorot_uniform(self.rng, nin * nout, nin, nout)
        return _param(values, (nin, nout))

    def lr_multiplier(self, step):
        return 1.0

    def display(self, trunk, feature):
        return feature

    def after_step(self, trunk, feature, labels, step):
        pass

    def overlay(self):
        return None

    def plotted_predict(self, trunk, feature):
        return self.predict(trunk, feature)

    def plotted_unknown_score(self, trunk, feature):
        return self.unknown_score(trunk, feature)


class SoftmaxHead(Head):
    def __init__(self, *a):
        super().__init__(*a)
        _, classes, d = a[0], a[1], a[2]
        self.w, self.b = self.dense(d, classes), _zeros(classes)

    def logits(self, feature):
        return L.linear_logits(feature, self.w, self.b)

    def loss(self, trunk, feature, labels, step):
        return L.softmax_cross_entropy(self.logits(feature), labels)

    def predict(self, trunk, feature):
        return self.logits(feature).argmax(1)

    def unknown_score(self, trunk, feature):
        return L.max_prob_unknown_score(self.logits(feature))

    def overlay(self):
        return "weights", self.w.detach().T


class CosineHead(Head):
    """Normalised features and weights (heated-up softmax, CosFace): W without bias, prediction by angle."""

    unit_circle = True

    def __init__(self, *a):
        super().__init__(*a)
        classes, d = a[1], a[2]
        self.w = self.dense(d, classes)

    def predict(self, trunk, feature):
        return L.heated_logits(feature, self.w, 1).argmax(1)

    def unknown_score(self, trunk, feature):
        return 1 - L.heated_logits(feature, self.w, 1).max(1).values

    def display(self, trunk, feature):
        # f̂ as the loss scores it (the page's "Feature ε"): unsure features stay inside the circle
        return L.l2_normalize(feature, 1, self.params.get("featureEps", L.HEATED_EPS))

    def overlay(self):
        # the original draws the class weights slightly inside the unit circle
        return "weights", 0.9 * L.l2_normalize(self.w.detach(), 0).T


class HeatedHead(CosineHead):
    def __init__(self, *a):
        super().__init__(*a)
        self.alpha_param = nn.Parameter(torch.tensor(float(self.params["alpha"]))) if self.choices["schedule"] == "learnable" else None

    def schedule(self, step):
        """(alpha, lr factor) at a step, as losses/heated/alphaSchedule.ts."""
        p, kind, e = self.params, self.choices["schedule"], self.engine["heatup"]
        if kind == "heatup":
            heat_step = round_half_up(p["heatAt"] * self.planned_steps)
            # the run's LR factor at heat-up (params are resolved: always present); the engine's default otherwise
            return (p["alpha"], 1.0) if step < heat_step else (p["alpha"] * e["alphaFactor"], p.get("heatLr", e["lrFactor"]))
        if kind in ("linear", "cosine"):
            ramp = max(1, round_half_up(p["rampEnd"] * self.planned_steps))
            t = min(max(step / ramp, 0), 1)
            if kind == "linear":
                return p["alpha"] + (p["alphaEnd"] - p["alpha"]) * t, 1.0
            return p["alphaEnd"] + (p["alpha"] - p["alphaEnd"]) * 0.5 * (1 + math.cos(math.pi * t)), 1.0
        return p["alpha"], 1.0

    def alpha(self, step):
        return self.alpha_param if self.alpha_param is not None else self.schedule(step)[0]

    def lr_multiplier(self, step):
        return self.schedule(step)[1]

    def loss(self, trunk, feature, labels, step):
        return L.heated_softmax_loss(feature, self.w, labels, self.alpha(step), L.HEATED_EPS, self.params.get("featureEps", L.HEATED_EPS))


class CosFaceHead(CosineHead):
    def loss(self, trunk, feature, labels, step):
        p = self.params
        return L.cosface_loss(feature, self.w, labels, p["scale"], p["margin"], L.HEATED_EPS, p["featureEps"])


class CenterHead(SoftmaxHead):
    def __init__(self, *a):
        super().__init__(*a)
        classes, d = a[1], a[2]
        self.register_buffer("centers", torch.zeros(classes, d))
        self.register_buffer("seen", torch.zeros(classes, 1))

    def nearest(self):
        return self.choices["prediction"] == "nearest"

    def loss(self, trunk, feature, labels, step):
        return L.softmax_cross_entropy(self.logits(feature), labels) + self.params["lambda"] * L.center_loss(feature, self.centers, labels)

    @torch.no_grad()
    def after_step(self, trunk, feature, labels, step):
        centers, seen = L.initialise_centers(self.centers, self.seen, feature, labels)
        self.centers.copy_(L.update_centers(centers, feature, labels, self.params["centerRate"]))
        self.seen.copy_(seen)

    def predict(self, trunk, feature):
        return L.nearest_center(feature, self.centers)[0] if self.nearest() else super().predict(trunk, feature)

    def unknown_score(self, trunk, feature):
        return L.nearest_center(feature, self.centers)[1] if self.nearest() else super().unknown_score(trunk, feature)

    def overlay(self):
        return "centers", self.centers.clone()


class TripletHead(Head):
    """Taha et al.'s two heads: a classifier on the trunk, the triplet loss on the plotted embedding."""

    has_off_plot_classifier = True

    def __init__(self, *a):
        super().__init__(*a)
        classes, d, trunk_dim = a[1], a[2], a[3]
        self.w, self.b = self.dense(trunk_dim, classes), _zeros(classes)
        self.register_buffer("means", torch.zeros(classes, d))
        self.register_buffer("batches", torch.zeros(classes))

    def normalized(self):
        return self.choices["embedding"] == "l2"

    def plotted(self, feature):
        return L.triplet_embedding(feature, self.normalized())

    def loss(self, trunk, feature, labels, step):
        ce = L.softmax_cross_entropy(L.linear_logits(trunk, self.w, self.b), labels)
        tri = L.triplet_loss(feature, labels, self.params["margin"], self.choices["mining"], self.choices["distance"] == "squared", self.normalized())
        return ce + self.params["lambda"] * tri

    def predict(self, trunk, feature):
        return L.linear_logits(trunk, self.w, self.b).argmax(1)

    def unknown_score(self, trunk, feature):
        return L.max_prob_unknown_score(L.linear_logits(trunk, self.w, self.b))

    def display(self, trunk, feature):
        return self.plotted(feature)

    @torch.no_grad()
    def after_step(self, trunk, feature, labels, step):
        """Running class means of the plotted embedding (losses/triplet/classMeans.ts): rate max(0.1, 1/batches so far)."""
        f = self.plotted(feature)
        counts, sums = L._counts_and_sums(f, labels, self.means.shape[0])
        present = (counts[:, 0] > 0).to(f.dtype)
        self.batches += present
        rate = present * torch.clamp(1 / torch.clamp(self.batches, min=1), min=self.engine["classMeanRate"])
        self.means += rate[:, None] * (sums / torch.clamp(counts, min=1) - self.means)

    def _nearest_mean(self, feature):
        d = L.pairwise_squared_distance(self.plotted(feature), self.means) + (self.batches == 0).to(feature.dtype) * 1e30
        best = d.min(1)
        return best.indices, torch.sqrt(best.values)

    def plotted_predict(self, trunk, feature):
        return self._nearest_mean(feature)[0]

    def plotted_unknown_score(self, trunk, feature):
        return self._nearest_mean(feature)[1]


class PairHead(SoftmaxHead):
    """Softmax plus a pair head sigmoid((f_i - f_j)^2 . w + b) with w = -softplus(theta) <= 0."""

    def __init__(self, *a):
        super().__init__(*a)
        d = a[2]
        self.theta = _param(glorot_uniform(self.rng, d, d, 1), (d,))
        self.pair_b = nn.Parameter(torch.tensor(0.0))

    def loss(self, trunk, feature, labels, step):
        pairs = L.make_pairs(labels.tolist())
        bce = L.pair_binary_loss(feature, labels, pairs, -F.softplus(self.theta), self.pair_b)
        return L.softmax_cross_entropy(self.logits(feature), labels) + self.params["lambda"] * bce


class SimplexHead(Head):
    """Fixed simplex vertices of radius u; with DAM a Linear -> ReLU -> Linear module lifts f to max(C-1, d) dimensions."""

    def __init__(self, *a):
        super().__init__(*a)
        classes, d = a[1], a[2]
        if self.choices["dam"] == "off":
            if d < L.simplex_min_dim(classes):
                raise ValueError(f"the simplex loss needs an embedding of at least C-1 = {L.simplex_min_dim(classes)} dimensions (got {d})")
            self.dam = None
            self.loss_dim = d
        else:
            hidden = self.engine["damHidden"]
            self.loss_dim = max(L.simplex_min_dim(classes), d)
            self.dam = nn.ParameterDict({
                "w1": self.dense(d, hidden, he=True), "b1": _zeros(hidden),
                "w2": self.dense(hidden, self.loss_dim), "b2": _zeros(self.loss_dim),
            })
        self.register_buffer("vertices", torch.tensor(L.simplex_centers(classes, self.loss_dim, self.params["u"]), dtype=torch.float32))

    def lifted(self, feature):
        if self.dam is None:
            return feature
        h = F.relu(feature @ self.dam["w1"] + self.dam["b1"])
        return h @ self.dam["w2"] + self.dam["b2"]

    def loss(self, trunk, feature, labels, step):
        z, variant = self.lifted(feature), self.choices["variant"]
        if variant == "hinge":
            return L.simplex_hinge_loss(z, self.vertices, labels, L.simplex_hinge_tau(self.classes, self.loss_dim, self.params["u"]))
        if variant == "softmax":
            return L.simplex_softmax_loss(z, self.vertices, labels)
        return L.simplex_mse_loss(z, self.vertices, labels)

    def predict(self, trunk, feature):
        return L.nearest_center(self.lifted(feature), self.vertices)[0]

    def unknown_score(self, trunk, feature):
        return L.nearest_center(self.lifted(feature), self.vertices)[1]

    def overlay(self):
        return None if self.dam is not None else ("vertices", self.vertices.clone())


HEADS = {"softmax": SoftmaxHead, "heated": HeatedHead, "center": CenterHead, "triplet": TripletHead, "pair": PairHead, "simplex": SimplexHead, "cosface": CosFaceHead}


def round_half_up(x):
    """JavaScript's Math.round (halves go up), which the page uses for step counts."""
    return math.floor(x + 0.5)


class RunModel(nn.Module):
    """Backbone + head; forward returns the loss so that DistributedDataParallel sees every parameter."""

    def __init__(self, backbone, head):
        super().__init__()
        self.backbone, self.head = backbone, head

    def forward(self, x, labels, step):
        trunk, feature = self.backbone(x)
        return self.head.loss(trunk, feature, labels, step), trunk.detach(), feature.detach()
