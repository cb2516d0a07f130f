"""The page's seeded random numbers, so that this script starts where the page starts.

The page draws its initial weights, its batches, its evaluation subset and its augmentation from
seedrandom (ARC4, David Bau's `seedrandom` npm package) with string seeds such as "backbone:1".
This module reproduces that generator bit for bit, so the same seed gives the same initial
weights, the same batch sequence and the same test points here as in the browser.
"""
import math

_WIDTH = 256
_MASK = 255
_START_DENOM = float(2 ** 48)
_SIGNIFICANCE = float(2 ** 52)
_OVERFLOW = float(2 ** 53)


def _mix_key(seed):
    key = []
    smear = 0
    for j, ch in enumerate(seed):
        i = j & _MASK
        if i < len(key):
            smear ^= key[i] * 19
        value = _MASK & (smear + ord(ch))
        if i < len(key):
            key[i] = value
        else:
            key.append(value)
    return key


class SeedRandom:
    """seedrandom(seed)(): uniform floats in [0, 1), identical to the page's for the same seed string."""

    def __init__(self, seed):
        key = _mix_key(str(seed)) or [0]
        s = list(range(_WIDTH))
        j = 0
        for i in range(_WIDTH):
            t = s[i]
            j = _MASK & (j + key[i % len(key)] + t)
            s[i] = s[j]
            s[j] = t
        self._s, self._i, self._j = s, 0, 0
        self._buf = b""
        self._pos = 0
        self._bytes(_WIDTH)  # RC4-drop[256], as seedrandom does

    def _refill(self, n):
        # the key stream does not depend on how it is consumed: make it in blocks (a tight loop)
        s, i, j = self._s, self._i, self._j
        out = bytearray(n)
        for k in range(n):
            i = (i + 1) & 255
            t = s[i]
            j = (j + t) & 255
            s[i] = s[j]
            s[j] = t
            out[k] = s[(s[i] + t) & 255]
        self._i, self._j = i, j
        self._buf = bytes(self._buf[self._pos:]) + bytes(out)
        self._pos = 0

    def _bytes(self, count):
        if self._pos + count > len(self._buf):
            self._refill(max(4096, count))
        r = 0
        for b in self._buf[self._pos:self._pos + count]:
            r = r * _WIDTH + b
        self._pos += count
        return r

    def __call__(self):
        n = float(self._bytes(6))
        d = _START_DENOM
        x = 0
        while n < _SIGNIFICANCE:
            n = (n + x) * _WIDTH
            d *= _WIDTH
            x = self._bytes(1)
        while n >= _OVERFLOW:
            n /= 2
            d /= 2
            x >>= 1
        return (n + x) / d


def shuffle_in_place(a, rng):
    """Fisher-Yates from the end, as the page's shuffleInPlace."""
    for i in range(len(a) - 1, 0, -1):
        j = math.floor(rng() * (i + 1))
        a[i], a[j] = a[j], a[i]
    return a


def uniform(rng, count, limit):
    return [(rng() * 2 - 1) * limit for _ in range(count)]


def glorot_uniform(rng, count, fan_in, fan_out):
    return uniform(rng, count, math.sqrt(6 / (fan_in + fan_out)))


def he_uniform(rng, count, fan_in):
    return uniform(rng, count, math.sqrt(6 / fan_in))


class _Cycle:
    """Endless seeded permutations of a fixed set of values (sampler.ts's Cycle)."""

    def __init__(self, values, rng):
        self.values = list(values)
        self.rng = rng
        self.order = shuffle_in_place(list(self.values), rng)
        self.pos = 0

    def next(self):
        if self.pos == len(self.order):
            self.order = shuffle_in_place(list(self.values), self.rng)
            self.pos = 0
        v = self.order[self.pos]
        self.pos += 1
        return v

    def distinct(self, n):
        out, seen = [], set()
        while len(out) < n:
            v = self.next()
            if v not in seen:
                seen.add(v)
                out.append(v)
        return out


class BatchSampler:
    """The page's batch sampler (engine/sampler.ts): shuffled epochs, or P classes x K samples filled to the batch size."""

    def __init__(self, labels, classes, seed, mode):
        n = len(labels)
        if n == 0:
            raise ValueError("the sampler needs at least one sample")
        rng = SeedRandom(f"sampler:{mode['kind']}:{seed}")
        if mode["kind"] == "shuffle":
            self.batch_size = mode["batch"]
            every = _Cycle(range(n), rng)
            self._draw = lambda: [every.next() for _ in range(mode["batch"])]
            return
        p, k = mode["p"], mode["k"]
        total = mode.get("batch") or p * k
        if not (p * k <= total < p * (k + 1)):
            raise ValueError(f"a PxK batch of {total} needs P*K <= {total} < P*(K+1) (P={p}, K={k})")
        extra = total - p * k
        by_class = [[] for _ in range(classes)]
        for i, y in enumerate(labels):
            by_class[y].append(i)
        present = [c for c, members in enumerate(by_class) if members]
        if p > len(present):
            raise ValueError(f"PxK sampling needs P <= the number of classes present (P = {p}, {len(present)} classes)")
        class_cycle = _Cycle(present, rng)
        member_cycles = [_Cycle(members, rng) for members in by_class]
        self.batch_size = total

        def draw():
            out = []
            for slot, c in enumerate(class_cycle.distinct(p)):
                kc = k + 1 if slot < extra else k
                members = member_cycles[c]
                if len(by_class[c]) >= kc:
                    out.extend(members.distinct(kc))
                else:
                    out.extend(members.next() for _ in range(kc))
            return out

        self._draw = draw

    def next(self):
        return self._draw()


def balanced_subset(labels, classes, size, seed):
    """The page's evaluation subset (engine/batches.ts balancedSubset): round-robin over shuffled classes, sorted by label."""
    rng = SeedRandom(f"eval:{seed}")
    by_class = [[] for _ in range(classes)]
    for i, y in enumerate(labels):
        by_class[y].append(i)
    for members in by_class:
        shuffle_in_place(members, rng)
    out = []
    k = 0
    while len(out) < size:
        added = False
        for members in by_class:
            if k < len(members) and len(out) < size:
                out.append(members[k])
                added = True
        if not added:
            break
        k += 1
    return sorted(out, key=lambda i: (labels[i], i))
