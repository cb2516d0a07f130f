"""MNIST (idx files), CIFAR-10 (binary records) and your own images from the files the page uses, normalised as the page does.

Looks in --data DIR for:
  MNIST:    train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (each may end in .gz)
  CIFAR-10: the page's packed train.bin.gz / test.bin.gz (public/cifar10/subset or full), or the official
            data_batch_1..5.bin + test_batch.bin (also inside cifar-10-batches-bin/), or cifar-10-binary.tar.gz
  your images: own-images.json (class names) with own-images-train.bin / own-images-test.bin, the page's
            80/20 split of the set in CIFAR-10's record layout (written by the page's PyTorch export)
"""
import gzip
import json
import io
import os
import struct
import tarfile

import torch

from seeded import SeedRandom

CIFAR10_CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
CIFAR_RECORD = 1 + 3 * 32 * 32


class Dataset:
    """uint8 images [N][H][W][C] (HWC, as the page keeps them), int64 labels, class names, per-channel mean/std in [0, 1]."""

    def __init__(self, name, train_images, train_labels, test_images, test_labels, class_names):
        self.name, self.class_names = name, class_names
        self.train_images, self.train_labels = train_images, train_labels
        self.test_images, self.test_labels = test_images, test_labels
        self.height, self.width, self.channels = train_images.shape[1:]
        # population statistics over every training pixel, as the page's channelStats
        px = train_images.reshape(-1, self.channels).double() / 255
        self.mean = px.mean(0)
        self.std = torch.sqrt(torch.clamp((px * px).mean(0) - self.mean ** 2, min=0))

    def batch(self, split, indices, augment=None):
        """Normalised float32 NCHW images; augment = (rng, pad, flip) draws crop and flip per image in batch order, as the page."""
        images = self.train_images if split == "train" else self.test_images
        raw = images[torch.as_tensor(indices, dtype=torch.long)]
        if augment is not None:
            raw = _augment(raw, *augment)
        x = raw.float() / 255
        x = (x - self.mean.float()) / self.std.float()
        return x.permute(0, 3, 1, 2).contiguous()


def _augment(raw, rng, pad, flip):
    n, h, w, _ = raw.shape
    padded = torch.zeros(n, h + 2 * pad, w + 2 * pad, raw.shape[3], dtype=raw.dtype)
    padded[:, pad:pad + h, pad:pad + w] = raw
    out = torch.empty_like(raw)
    for i in range(n):
        dy = int(rng() * (2 * pad + 1)) - pad if pad else 0
        dx = int(rng() * (2 * pad + 1)) - pad if pad else 0
        mirrored = flip and rng() < 0.5
        src = padded[i].flip(1) if mirrored else padded[i]
        # out[y][x] = image[y + dy][x + dx] (mirrored: image[y + dy][W - 1 - x - dx]), zero outside
        out[i] = src[pad + dy:pad + dy + h, pad + dx:pad + dx + w]
    return out


def _read(path):
    with open(path, "rb") as f:
        data = f.read()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def _find(folder, name):
    for candidate in (name, name + ".gz"):
        p = os.path.join(folder, candidate)
        if os.path.exists(p):
            return p
    raise FileNotFoundError(f"{name}(.gz) not found in {folder}: pass --data DIR with the MNIST idx files (the page's public/mnist/)")


def _idx(path, magic):
    data = _read(path)
    got, = struct.unpack(">I", data[:4])
    if got != magic:
        raise ValueError(f"{path} is not an idx file of this kind (magic {got:#x}, expected {magic:#x})")
    ndim = magic & 0xFF
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    body = data[4 + 4 * ndim:]
    count = 1
    for d in dims:
        count *= d
    if len(body) != count:
        raise ValueError(f"{path} holds {len(body)} bytes of data, its header says {count}")
    return torch.frombuffer(bytearray(body), dtype=torch.uint8).reshape(dims)


def load_mnist(folder):
    def split(images, labels):
        x = _idx(_find(folder, images), 0x803)
        y = _idx(_find(folder, labels), 0x801).long()
        if len(x) != len(y):
            raise ValueError(f"{images} has {len(x)} images but {labels} {len(y)} labels")
        return x[..., None], y

    tx, ty = split("train-images-idx3-ubyte", "train-labels-idx1-ubyte")
    vx, vy = split("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
    return Dataset("mnist", tx, ty, vx, vy, [str(i) for i in range(10)])


def _cifar_records(blobs, classes=10):
    data = b"".join(blobs)
    if len(data) % CIFAR_RECORD:
        raise ValueError(f"CIFAR-10 binary data of {len(data)} bytes is not a whole number of {CIFAR_RECORD}-byte records")
    rec = torch.frombuffer(bytearray(data), dtype=torch.uint8).reshape(-1, CIFAR_RECORD)
    labels = rec[:, 0].long()
    if len(labels) and labels.max() >= classes:
        raise ValueError(f"a record has a label above {classes - 1}")
    # records hold the red, green and blue planes in turn; the page keeps HWC
    images = rec[:, 1:].reshape(-1, 3, 32, 32).permute(0, 2, 3, 1).contiguous()
    return images, labels


def load_cifar10(folder):
    packed = [os.path.join(folder, f) for f in ("train.bin.gz", "test.bin.gz")]
    if all(os.path.exists(p) for p in packed):
        train, test = [_read(p) for p in packed]
    else:
        batches = folder
        if os.path.isdir(os.path.join(folder, "cifar-10-batches-bin")):
            batches = os.path.join(folder, "cifar-10-batches-bin")
        names = [f"data_batch_{i}.bin" for i in range(1, 6)]
        if all(os.path.exists(os.path.join(batches, n)) for n in names + ["test_batch.bin"]):
            train = b"".join(_read(os.path.join(batches, n)) for n in names)
            test = _read(os.path.join(batches, "test_batch.bin"))
        elif os.path.exists(os.path.join(folder, "cifar-10-binary.tar.gz")):
            with tarfile.open(os.path.join(folder, "cifar-10-binary.tar.gz")) as tar:
                files = {os.path.basename(m.name): m for m in tar.getmembers() if m.isfile()}
                train = b"".join(tar.extractfile(files[n]).read() for n in names)
                test = tar.extractfile(files["test_batch.bin"]).read()
        else:
            raise FileNotFoundError(f"no CIFAR-10 files in {folder}: pass --data DIR with train.bin.gz/test.bin.gz (the page's public/cifar10/subset/), "
                                    "the official data_batch_*.bin/test_batch.bin, or cifar-10-binary.tar.gz")
    tx, ty = _cifar_records([train])
    vx, vy = _cifar_records([test])
    return Dataset("cifar10", tx, ty, vx, vy, list(CIFAR10_CLASSES))


def load_own_images(folder):
    meta_path = os.path.join(folder, "own-images.json")
    if not os.path.exists(meta_path):
        raise FileNotFoundError(f"own-images.json not found in {folder}: export the PyTorch script from the page while it holds your images")
    with open(meta_path) as f:
        meta = json.load(f)
    names = [str(n) for n in meta["classNames"]]
    tx, ty = _cifar_records([_read(os.path.join(folder, "own-images-train.bin"))], len(names))
    vx, vy = _cifar_records([_read(os.path.join(folder, "own-images-test.bin"))], len(names))
    if len(tx) != meta["train"] or len(vx) != meta["test"]:
        raise ValueError(f"own-images-*.bin hold {len(tx)} / {len(vx)} images, own-images.json says {meta['train']} / {meta['test']}")
    return Dataset("own-images", tx, ty, vx, vy, names)


def load(name, folder):
    if name == "mnist":
        return load_mnist(folder)
    if name == "cifar10":
        return load_cifar10(folder)
    if name == "own-images":
        return load_own_images(folder)
    raise ValueError(f"unknown dataset {name!r}")


def augment_rng(seed):
    return SeedRandom(f"augment:{seed}")
