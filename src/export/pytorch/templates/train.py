"""Trains the playground experiment in experiment.json with PyTorch, on one process or many (DistributedDataParallel).

    python3 train.py [--steps N] [--procs N] [--data DIR] [--out DIR] [--backbone lenet|resnet18|...] [--device auto|cpu|cuda]
    torchrun --nproc_per_node=N train.py ...          (a current PyTorch; one process per GPU or CPU share)

Every run of the experiment trains in lock-step on identical batches from identical initial weights,
as on the page. With N processes each takes every N-th sample of the global batch (so each class
stays in every share), gradients are averaged by DDP, and state updates that the page makes from the
whole batch (center loss centers, the triplet head's class means) see the whole batch, gathered from
every process. Writes, per run, the test embeddings in the page's CSV / JSON export format (load the
JSON into the page with "Load embeddings..."), metrics.json and train-log.json.
"""
import argparse
import csv
import json
import math
import os
import socket
import struct
import sys
import time
import warnings

import torch
import torch.distributed as dist
import torch.multiprocessing as mp

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import data as D  # noqa: E402
import metrics as M  # noqa: E402
from model import HEADS, RunModel, make_backbone, round_half_up  # noqa: E402
from seeded import BatchSampler, balanced_subset  # noqa: E402

EMBEDDINGS_FORMAT = "metric-learning-playground/embeddings"

# a one-channel 5x5 convolution's gradient comes back with other (equivalent) strides than DDP's
# bucket; harmless, and otherwise printed at every step of an MNIST run
warnings.filterwarnings("ignore", message="Grad strides do not match bucket view strides")


def parse_args(argv=None):
    exp = load_experiment()
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--steps", type=int, default=None, help="training steps (default: the page's planned length, %(default)s = planned)")
    ap.add_argument("--procs", type=int, default=1, help="processes on this machine, started with torch.multiprocessing.spawn (ignored under torchrun)")
    ap.add_argument("--data", default=None, help=f"folder with the dataset files (default: {exp['dataDir']})")
    ap.add_argument("--out", default=os.path.join(HERE, "out"), help="where the embeddings, metrics and log go")
    ap.add_argument("--backbone", default="lenet", help="lenet (the page's network) or a torchvision model name such as resnet18")
    ap.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    ap.add_argument("--log-every", type=int, default=10)
    ap.add_argument("--threads", type=int, default=0, help="CPU threads per process (default: the cores shared out)")
    return ap.parse_args(argv)


def load_experiment():
    with open(os.path.join(HERE, "experiment.json")) as f:
        return json.load(f)


def main():
    args = parse_args()
    if "RANK" in os.environ and "WORLD_SIZE" in os.environ:  # started by torchrun
        worker(int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"]), args, from_env=True)
    elif args.procs > 1:
        os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
        os.environ.setdefault("MASTER_PORT", str(free_port()))
        mp.spawn(worker, args=(args.procs, args, False), nprocs=args.procs, join=True)
    else:
        worker(0, 1, args, False)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def worker(rank, world, args, from_env):
    exp = load_experiment()
    cfg = exp["config"]
    use_cuda = args.device == "cuda" or (args.device == "auto" and torch.cuda.is_available())
    local_rank = int(os.environ.get("LOCAL_RANK", rank))
    device = torch.device(f"cuda:{local_rank}" if use_cuda else "cpu")
    if use_cuda:
        torch.cuda.set_device(device)
    torch.set_num_threads(args.threads or max(1, (os.cpu_count() or 1) // (world if not from_env else int(os.environ.get("LOCAL_WORLD_SIZE", world)))))
    if world > 1:
        dist.init_process_group("nccl" if use_cuda else "gloo", rank=rank, world_size=world)
    torch.manual_seed(cfg["seed"])
    try:
        train(rank, world, args, exp, device)
    finally:
        if world > 1:
            dist.destroy_process_group()


def train(rank, world, args, exp, device):
    cfg, engine = exp["config"], exp["engine"]
    batch = cfg["batchSize"]
    if batch % world:
        raise SystemExit(f"the batch size {batch} must divide among {world} processes")
    # a relative dataDir (the page's download puts the files in data/) is relative to this folder
    ds = D.load(cfg["dataset"], args.data or os.path.join(HERE, exp["dataDir"]))
    classes = len(ds.class_names)
    unknown = set(cfg["openSet"])
    train_labels = ds.train_labels.tolist()
    known = [i for i, y in enumerate(train_labels) if y not in unknown]
    planned = max(1, round_half_up(cfg["plannedEpochs"] * len(known) / batch))
    steps = args.steps if args.steps is not None else planned
    spec = dict(exp["backbone"], height=ds.height, width=ds.width, channels=ds.channels)

    # one sampler for every run: P x K as soon as a run mines positives (every known class in each batch)
    present = classes - len(cfg["openSet"])
    if any(r["needsPK"] for r in exp["runs"]):
        p = max(2, min(present, batch // 2))
        mode = {"kind": "pk", "p": p, "k": batch // p, "batch": batch}
    else:
        mode = {"kind": "shuffle", "batch": batch}
    sampler = BatchSampler([train_labels[i] for i in known], classes, cfg["seed"], mode)
    # CIFAR-10 and your images (which train on its network), as on the page
    aug_rng = D.augment_rng(cfg["seed"]) if cfg["augment"] and cfg["dataset"] in ("cifar10", "own-images") else None

    runs = []
    for r in exp["runs"]:
        head = HEADS[r["loss"]](r, classes, spec["embeddingDim"], spec["hidden2"], cfg["seed"], engine)
        head.planned_steps = planned
        model = RunModel(make_backbone(args.backbone, spec, cfg["seed"]), head).to(device)
        wrapped = torch.nn.parallel.DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None) if world > 1 else model
        opt = make_optimizer(model, r["learningRate"], cfg, engine)
        runs.append({"cfg": r, "model": model, "wrapped": wrapped, "opt": opt, "losses": []})

    if rank == 0:
        print(f"{cfg['dataset']}: {len(known)} training samples, batch {batch} ({mode['kind']}), {steps} steps "
              f"(planned {planned}), {len(runs)} runs, {world} process(es), {device}", flush=True)
    start = time.time()
    for step in range(steps):
        idx = [known[j] for j in sampler.next()]
        # every process draws the whole batch's augmentation, so the generator stays in step with the page's
        x_all = ds.batch("train", idx, (aug_rng, 4, True) if aug_rng else None)
        y_all = ds.train_labels[torch.as_tensor(idx)]
        x, y = x_all[rank::world].to(device), y_all[rank::world].to(device)
        for run in runs:
            head = run["model"].head
            lr = run["cfg"]["learningRate"] * head.lr_multiplier(step) * lr_factor(engine["lr"], planned, step)
            for g in run["opt"].param_groups:
                g["lr"] = lr
            loss, trunk, feature = run["wrapped"](x, y, step)
            run["opt"].zero_grad(set_to_none=True)
            loss.backward()
            run["opt"].step()
            # state updates use this batch's features from before the weight update, from every process
            head.after_step(gather(trunk, world), gather(feature, world), gather(y, world), step)
            run["losses"].append(loss.detach())
        if (step + 1) % args.log_every == 0 or step + 1 == steps:
            for run in runs:
                recent = torch.stack(run["losses"][-args.log_every:]).mean()
                if world > 1:
                    dist.all_reduce(recent)
                    recent /= world
                run.setdefault("log", []).append([step + 1, recent.item()])
            if rank == 0:
                print(f"step {step + 1}: " + "  ".join(f"{r['cfg']['name']} {r['log'][-1][1]:.4f}" for r in runs), flush=True)
    seconds = time.time() - start
    if rank == 0:
        samples_per_s = steps * batch * len(runs) / max(seconds, 1e-9)
        print(f"{steps} steps in {seconds:.1f} s: {samples_per_s:.0f} samples/s summed over {len(runs)} runs", flush=True)
        export(args, exp, ds, runs, steps, world, device, seconds, samples_per_s)


def make_optimizer(model, lr, cfg, engine):
    """engine/optimizer.ts: Adam (TF.js's defaults) or SGD with momentum; weight decay is the coupled
    L2 term (g + wd * w) for both, as torch.optim's weight_decay. Configs from before the setting: Adam."""
    wd = cfg.get("weightDecay", 0)
    if cfg.get("optimizer", "adam") == "sgd":
        return torch.optim.SGD(model.parameters(), lr=lr, momentum=cfg.get("momentum", 0.9), weight_decay=wd)
    adam = engine["adam"]
    return torch.optim.Adam(model.parameters(), lr=lr, betas=(adam["beta1"], adam["beta2"]), eps=adam["epsilon"], weight_decay=wd)


def lr_factor(s, planned, step):
    """engine/lrSchedule.ts: linear warm-up, cosine decay to a floor at the planned end, then the floor."""
    if s["kind"] == "constant":
        return 1.0
    warmup = min(s["warmupMax"], round_half_up(s["warmupShare"] * planned))
    if step < warmup:
        return s["warmupStart"] + (1 - s["warmupStart"]) * (step / max(1, warmup))
    t = min(1.0, (step - warmup) / max(1, planned - warmup))
    return s["floor"] + (1 - s["floor"]) * 0.5 * (1 + math.cos(math.pi * t))


def gather(t, world):
    if world == 1:
        return t
    parts = [torch.empty_like(t) for _ in range(world)]
    dist.all_gather(parts, t.contiguous())
    # rank r holds samples r, r + world, ...: interleave back into batch order
    return torch.stack(parts, 1).reshape(-1, *t.shape[1:])


@torch.no_grad()
def export(args, exp, ds, runs, steps, world, device, seconds, samples_per_s):
    cfg = exp["config"]
    os.makedirs(args.out, exist_ok=True)
    test_labels = ds.test_labels.tolist()
    eval_idx = balanced_subset(test_labels, len(ds.class_names), min(cfg["evalSize"], len(test_labels)), cfg["seed"])
    labels = ds.test_labels[torch.as_tensor(eval_idx)]
    unknown = torch.tensor([y in set(cfg["openSet"]) for y in labels.tolist()], dtype=torch.bool)
    all_metrics, log = {}, {"steps": steps, "procs": world, "device": str(device), "backbone": args.backbone, "seconds": seconds,
                            "samplesPerSec": samples_per_s, "batchSize": cfg["batchSize"], "runs": {}}
    for run in runs:
        model, r = run["model"].eval(), run["cfg"]
        head = model.head
        shown, pred, score, trunk_pred = [], [], [], []
        for at in range(0, len(eval_idx), 500):
            x = ds.batch("test", eval_idx[at:at + 500]).to(device)
            trunk, feature = model.backbone(x)
            shown.append(head.display(trunk, feature).float().cpu())
            pred.append(head.plotted_predict(trunk, feature).cpu())
            score.append(head.plotted_unknown_score(trunk, feature).float().cpu())
            if head.has_off_plot_classifier:
                trunk_pred.append(head.predict(trunk, feature).cpu())
        points, predictions, scores = torch.cat(shown), torch.cat(pred), torch.cat(score)
        trunk_predictions = torch.cat(trunk_pred) if trunk_pred else None
        overlay = head.overlay()
        m = M.evaluate(points, labels, predictions, cfg["seed"], unknown if cfg["openSet"] else None, scores if cfg["openSet"] else None, trunk_predictions)
        all_metrics[r["id"]] = dict(m, name=r["name"], step=steps)
        log["runs"][r["id"]] = {"name": r["name"], "loss": r["loss"], "log": run["log"]}
        doc = embeddings_document(exp, r, steps, ds.class_names, labels, predictions, points, scores, trunk_predictions, overlay, head.unit_circle, args, world)
        base = os.path.join(args.out, f"embeddings-{r['id']}")
        with open(base + ".json", "w") as f:
            f.write(doc)
        write_csv(base + ".csv", ds.class_names, labels, predictions, points, project(points))
        acc = m["accuracy"]
        print(f"{r['name']}: accuracy {acc * 100:.1f} %, R@1 {m['recall'][1] * 100:.1f} %, MAP@R {m['mapAtR']:.3f}, NMI {m['nmi']:.3f}"
              + (f", AUROC {m['auroc']:.3f}" if m["auroc"] is not None else "") + f" -> {base}.json", flush=True)
    with open(os.path.join(args.out, "metrics.json"), "w") as f:
        json.dump(all_metrics, f, indent=2)
    with open(os.path.join(args.out, "train-log.json"), "w") as f:
        json.dump(log, f, indent=2)


def project(points):
    """The plot's 2-D coordinates: the embedding itself, or its first two principal components."""
    if points.shape[1] <= 2:
        return points if points.shape[1] == 2 else torch.cat([points, torch.zeros_like(points)], 1)
    centred = points.double() - points.double().mean(0)
    _, _, v = torch.linalg.svd(centred, full_matrices=False)
    return (centred @ v[:2].T).float()


def f32(v):
    """The shortest decimal that reads back as the same float32, as the page's formatFloat32; None for NaN/inf (JSON has none)."""
    if not math.isfinite(v):
        return None
    f = struct.unpack("f", struct.pack("f", v))[0]
    for p in range(1, 10):
        s = float(f"{f:.{p - 1}e}")
        if struct.unpack("f", struct.pack("f", s))[0] == f:
            return int(s) if s == int(s) and abs(s) < 1e15 else s
    return f


def embeddings_document(exp, r, steps, class_names, labels, predictions, points, scores, trunk_predictions, overlay, unit_circle, args, world):
    """The page's embeddings JSON (src/export/table.ts) plus the loss's geometry and open-set scores."""
    dim = points.shape[1]
    xy = project(points)
    rows = []
    for i in range(len(labels)):
        row = {"id": i, "label": int(labels[i]), "prediction": int(predictions[i]),
               "embedding": [f32(v) for v in points[i].tolist()], "xy": [f32(v) for v in xy[i].tolist()]}
        row["unknownScore"] = f32(float(scores[i]))
        if trunk_predictions is not None:
            row["trunkPrediction"] = int(trunk_predictions[i])
        rows.append(row)
    geometry = None
    if overlay is not None:
        kind, pts = overlay
        geometry = {"kind": kind, "dim": pts.shape[1], "points": [[f32(v) for v in row] for row in pts.float().cpu().tolist()]}
    doc = {
        "format": EMBEDDINGS_FORMAT,
        "version": 1,
        "run": {"id": r["id"], "name": r["name"]},
        "step": steps,
        "dim": dim,
        "projection": {"kind": "identity" if dim == 2 else "pca", "axes": ["f₁", "f₂"] if dim == 2 else ["PC 1", "PC 2"]},
        "classNames": class_names,
        "config": exp["config"],
        "source": {"tool": "pytorch", "torch": torch.__version__, "backbone": args.backbone, "processes": world, "loss": r["loss"]},
        "overlay": geometry,
        "unitCircle": bool(unit_circle),
        "points": [],
    }
    head = json.dumps(doc, indent=2, ensure_ascii=False)
    head = head[: head.rindex('"points": []')] + '"points": ['
    return head + "\n" + ",\n".join("    " + json.dumps(p, ensure_ascii=False, separators=(",", ":")) for p in rows) + "\n  ]\n}\n"


def write_csv(path, class_names, labels, predictions, points, xy):
    dim = points.shape[1]
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "label", "label_name", "prediction", "prediction_name"] + [f"f{k + 1}" for k in range(dim)] + ["x", "y"])
        for i in range(len(labels)):
            y, p = int(labels[i]), int(predictions[i])
            w.writerow([i, y, class_names[y], p, class_names[p]] + [f32(v) for v in points[i].tolist()] + [f32(v) for v in xy[i].tolist()])


if __name__ == "__main__":
    main()
