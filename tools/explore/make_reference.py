#!/usr/bin/env python3
"""Reference values for the explorers in crates/core/src/explore/, computed independently.

Each model is re-implemented here from its description (the module docs), in plain Python and
numpy, without looking at the Rust code paths: BPE by recounting every pair at every merge, attention
with numpy matrices, beam search by enumerating every sequence, SplitMix64 + Box-Muller with Python
integers, GELU with math.erf. The Rust test `crates/core/tests/explore_reference.rs` reads the output
and compares.

Rerun (numpy in a throwaway venv):
    python3 -m venv /tmp/explore-venv && /tmp/explore-venv/bin/pip install numpy
    /tmp/explore-venv/bin/python tools/explore/make_reference.py > crates/core/tests/data/explore_reference.txt
Made with Python 3.11 and numpy 2.4.

Output: one record per line, fields separated by spaces: a key, then values. Floats are printed with
repr (round-trip exact).
"""

import math
import re
import sys
import tomllib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
out = []


def emit(*fields):
    out.append(" ".join(str(f) if not isinstance(f, float) else repr(f) for f in fields))


# ---- BPE -----------------------------------------------------------------------------------
# Corpus: every English question and answer of the bank. The bank build writes formulas as their TeX
# source without `$`, and numbered-list markers ("1. ") are markup, not text; other markup is
# punctuation, which the word split drops anyway.
bank = tomllib.loads((ROOT / "assets/questions.toml").read_text(encoding="utf-8"))
counts = {}
for q in bank["questions"]:
    for text in (q["en"]["question"], q["en"]["answer"]):
        text = re.sub(r"(?m)^\s*\d+\.\s", "", text)
        for w in re.findall(r"[A-Za-z0-9]+", text):
            w = w.lower()
            counts[w] = counts.get(w, 0) + 1

words = {tuple(w): n for w, n in counts.items()}
total_words = sum(counts.values())
vocab = set(c for w in counts for c in w)
emit("bpe.words", total_words)
emit("bpe.base", len(vocab))


def tokens_per_word(ws):
    return sum(len(w) * n for w, n in ws.items()) / total_words


emit("bpe.tpw", 0, tokens_per_word(words))
emit("bpe.vocab", 0, len(vocab))
merges = []
for m in range(1, 501):
    pairs = {}
    for w, n in words.items():
        for a, b in zip(w, w[1:]):
            pairs[(a, b)] = pairs.get((a, b), 0) + n
    if not pairs:
        break
    best = min(pairs, key=lambda p: (-pairs[p], p))
    merges.append(best)
    joined = best[0] + best[1]
    vocab.add(joined)
    new = {}
    for w, n in words.items():
        out_w, i = [], 0
        while i < len(w):
            if i + 1 < len(w) and (w[i], w[i + 1]) == best:
                out_w.append(joined)
                i += 2
            else:
                out_w.append(w[i])
                i += 1
        new[tuple(out_w)] = new.get(tuple(out_w), 0) + n
    words = new
    emit("bpe.merge", m - 1, best[0], best[1])
    emit("bpe.tpw", m, tokens_per_word(words))
    emit("bpe.vocab", m, len(vocab))


def encode(word, m):
    syms = list(word)
    for a, b in merges[:m]:
        out_w, i = [], 0
        while i < len(syms):
            if i + 1 < len(syms) and syms[i] == a and syms[i + 1] == b:
                out_w.append(a + b)
                i += 2
            else:
                out_w.append(syms[i])
                i += 1
        syms = out_w
    return syms


for w in ["cryptocurrency", "artificial", "tokenization", "unbelievably", "transformer", "attention"]:
    for m in [0, 10, 100, 300, 500]:
        emit("bpe.encode", w, m, *encode(w, m))

# ---- softmax ---------------------------------------------------------------------------------
for t, z in [(1.0, [2.0, 1.0, 0.1, -1.0]), (0.5, [2.0, 1.0, 0.1, -1.0]), (2.3, [-3.3, 0.0, 7.5, 7.5]), (0.1, [10.0, -10.0, 0.0, 9.9])]:
    zz = np.array(z) / t
    e = np.exp(zz - zz.max())
    p = e / e.sum()
    emit("softmax", t, ",".join(repr(x) for x in z), *[float(x) for x in p])

# ---- attention ---------------------------------------------------------------------------------
theta = math.pi / 3
kind = [0, 1, 2, 0, 1]  # det, noun, verb, det, noun
X = np.zeros((5, 5))
for i, k in enumerate(kind):
    X[i, k] = 1.0
    X[i, 3] = math.cos(i * theta)
    X[i, 4] = math.sin(i * theta)
g = math.sqrt(6.0)


def rot(a):
    return np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])


heads = []
# 1 previous word: q = g R(-theta) p_i, k = g p_j.
WQ = np.zeros((5, 4)); WK = np.zeros((5, 4))
WQ[3:5, 0:2] = g * rot(-theta).T
WK[3:5, 0:2] = g * np.eye(2)
heads.append((WQ, WK))
# 2 verb <-> nouns: q = g (verb, noun), k = g (noun, verb).
WQ = np.zeros((5, 4)); WK = np.zeros((5, 4))
WQ[2, 0] = g; WQ[1, 1] = g; WK[1, 0] = g; WK[2, 1] = g
heads.append((WQ, WK))
# 3 same kind of word: q = k = g (det, noun, verb).
WQ = np.zeros((5, 4)); WQ[0:3, 0:3] = g * np.eye(3)
heads.append((WQ, WQ.copy()))
# 4 next word: q = g R(+theta) p_i.
WQ = np.zeros((5, 4)); WK = np.zeros((5, 4))
WQ[3:5, 0:2] = g * rot(theta).T
WK[3:5, 0:2] = g * np.eye(2)
heads.append((WQ, WK))
for h, (WQ, WK) in enumerate(heads):
    S = (X @ WQ) @ (X @ WK).T
    for scaled in (1, 0):
        A = S / (2.0 if scaled else 1.0)
        A = np.exp(A - A.max(axis=1, keepdims=True))
        A = A / A.sum(axis=1, keepdims=True)
        for i in range(5):
            emit("attention", h, scaled, i, *[float(x) for x in A[i]])

# ---- beam search ----------------------------------------------------------------------------------
# (word, p, children); "The" is the root.
L = lambda w, p: (w, p, [])
TREE = [
    ("nice", 0.5, [("woman", 0.45, [L(".", 0.4), L("and", 0.3), L("who", 0.3)]),
                   ("house", 0.3, [L(".", 0.9), L("is", 0.1)]),
                   ("guy", 0.25, [L(".", 0.6), L("who", 0.4)])]),
    ("dog", 0.4, [("has", 0.9, [L("a", 0.35), L("been", 0.33), L("to", 0.32)]),
                  ("runs", 0.05, [L(".", 0.7), L("away", 0.3)]),
                  ("barks", 0.05, [L(".", 0.8), L("again", 0.2)])]),
    ("car", 0.1, [("is", 0.3, [L("red", 0.6), L(".", 0.4)]),
                  ("drives", 0.5, [L(".", 0.6), L("away", 0.4)]),
                  ("turns", 0.2, [L(".", 0.7), L("left", 0.3)])]),
]


def sequences(nodes, prefix, lp):
    for w, p, ch in nodes:
        if ch:
            yield from sequences(ch, prefix + [w], lp + math.log(p))
        else:
            yield prefix + [w], lp + math.log(p)


for words_, lp in sorted(sequences(TREE, ["The"], 0.0), key=lambda s: -s[1]):
    emit("beam.all", lp, *words_)


def beam(width):
    beams = [(["The"], 0.0, TREE)]
    while beams[0][2]:
        cand = [(ws + [w], lp + math.log(p), ch) for ws, lp, nodes in beams for w, p, ch in nodes]
        cand.sort(key=lambda c: -c[1])  # stable: ties keep tree order
        beams = cand[:width]
    return beams[0]


for k in range(1, 6):
    ws, lp, _ = beam(k)
    emit("beam.best", k, lp, *ws)

# ---- positional encoding ------------------------------------------------------------------------
for n, d, p in [(20, 32, 5), (7, 6, 3)]:
    pos = np.arange(n)[:, None]
    i = np.arange(d // 2)[None, :]
    ang = pos / np.power(10000.0, 2 * i / d)
    PE = np.zeros((n, d))
    PE[:, 0::2] = np.sin(ang)
    PE[:, 1::2] = np.cos(ang)
    for r in range(n):
        emit("pe.row", n, d, r, *[float(x) for x in PE[r]])
    emit("pe.sim", n, d, p, *[float(x) for x in PE @ PE[p]])

# ---- cross-entropy --------------------------------------------------------------------------------
for p in [0.01, 0.2, 0.5, 0.73, 0.99]:
    q = np.array([p] + [s * (1 - p) for s in (0.4, 0.3, 0.2, 0.1)])
    y = np.array([1.0, 0, 0, 0, 0])
    loss = float(-(y * np.log(q)).sum())
    emit("ce", p, loss, -1.0 / p, *[float(x) for x in q - y])

# ---- KL divergence ---------------------------------------------------------------------------------
def kl(a, b):
    a = np.array(a, float); b = np.array(b, float)
    a = a / a.sum() if a.sum() > 0 else np.full(4, 0.25)
    b = b / b.sum() if b.sum() > 0 else np.full(4, 0.25)
    total = 0.0
    for x, y in zip(a, b):
        if x > 0:
            total += math.inf if y == 0 else x * math.log(x / y)
    return total


for P, Q in [([60, 25, 10, 5], [30, 30, 30, 10]), ([1, 2, 3, 4], [4, 3, 2, 1]), ([60, 25, 10, 5], [30, 30, 30, 0]),
             ([0, 0, 0, 0], [97, 1, 1, 1]), ([100, 0, 0, 0], [25, 25, 25, 25])]:
    f = lambda x: "inf" if math.isinf(x) else repr(float(x))
    emit("kl", ",".join(map(str, P)), ",".join(map(str, Q)), f(kl(P, Q)), f(kl(Q, P)))

# ---- ReLU layer --------------------------------------------------------------------------------------
M64 = (1 << 64) - 1


def splitmix(seed):
    state = seed
    while True:
        state = (state + 0x9E3779B97F4A7C15) & M64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        yield z ^ (z >> 31)


def normals(seed, n):
    r = splitmix(seed)
    unif = lambda: (next(r) >> 11) * (1.0 / (1 << 53))
    out = []
    for _ in range(n):
        u1 = 1.0 - unif()
        u2 = unif()
        out.append(math.sqrt(-2.0 * math.log(u1)) * math.cos(2 * math.pi * u2))
    return out


def phi(x):
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def d_act(name, x):
    if name == "relu":
        return 1.0 if x > 0 else 0.0
    if name == "leaky":
        return 1.0 if x > 0 else 0.1
    return phi(x) + x * math.exp(-x * x / 2) / math.sqrt(2 * math.pi)


for seed, mean in [(1, 0.0), (2, -0.5), (7, 1.3)]:
    xs = [mean + v for v in normals(seed, 64)]
    emit("relu.layer", seed, mean, *xs)
    for name in ("relu", "leaky", "gelu"):
        g_ = [d_act(name, x) for x in xs]
        emit("relu.stats", seed, mean, name, sum(1 for v in g_ if v == 0.0), float(np.mean(g_)))
for x in [-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.5]:
    emit("gelu", x, x * phi(x), d_act("gelu", x))

# ---- Dot-product scaling (Q24) ---------------------------------------------------------------------
# One SplitMix64 stream per seed: PAIRS pairs (d entries of q, then d of k), then a query and ROW keys.
PAIRS, ROW = 1000, 8
for qx, qy, kx, ky in [(1.5, 0.5, 1.0, 1.0), (2.0, 0.0, 0.0, -1.5), (-1.2, 0.7, 1.9, -0.3), (1.0, 1.0, -2.0, -2.0)]:
    q, k = np.array([qx, qy]), np.array([kx, ky])
    c = float(q @ k / (np.linalg.norm(q) * np.linalg.norm(k)))
    emit("scaling.2d", qx, qy, kx, ky, float(q @ k), float(np.linalg.norm(q)), float(np.linalg.norm(k)), c,
         math.degrees(math.acos(max(-1.0, min(1.0, c)))))
for d, seed in [(1, 1), (16, 3), (64, 1), (256, 2)]:
    z = np.array(normals(seed, PAIRS * 2 * d + (ROW + 1) * d))
    pairs = z[: PAIRS * 2 * d].reshape(PAIRS, 2, d)
    dots = np.einsum("ij,ij->i", pairs[:, 0, :], pairs[:, 1, :])
    emit("scaling.stats", d, seed, float(dots.mean()), float(dots.var()), float((dots / math.sqrt(d)).var()))
    counts, _ = np.histogram(np.clip(dots, -48.0, 48.0 - 1e-9), bins=np.arange(-48.0, 49.0, 4.0))
    emit("scaling.hist", d, seed, *[int(x) for x in counts])
    rest = z[PAIRS * 2 * d:].reshape(ROW + 1, d)
    scores = rest[1:] @ rest[0]
    emit("scaling.row", d, seed, *[float(x) for x in scores])
    for scaled in (0, 1):
        x = scores / (math.sqrt(d) if scaled else 1.0)
        p = np.exp(x - x.max())
        p /= p.sum()
        h = float(-(p[p > 0] * np.log2(p[p > 0])).sum())
        emit("scaling.softmax", d, seed, scaled, h, *[float(v) for v in p])

# ---- Jacobians (Q27) -------------------------------------------------------------------------------
# softmax: diag(s) - s s^T; LayerNorm (eps = 1e-5, no affine) in the form (I - 11^T/n)/s - (x-mu)(x-mu)^T/(n s^3);
# GELU: diag(Phi(x) + x phi(x)) with math.erf.
def jac_ref(name, x):
    x = np.array(x, dtype=float)
    n = len(x)
    if name == "softmax":
        e = np.exp(x - x.max())
        s = e / e.sum()
        return s, np.diag(s) - np.outer(s, s)
    if name == "layernorm":
        c = x - x.mean()
        sd = math.sqrt(float((c * c).mean()) + 1e-5)
        return c / sd, (np.eye(n) - np.ones((n, n)) / n) / sd - np.outer(c, c) / (n * sd**3)
    y = np.array([v * phi(v) for v in x])
    return y, np.diag([d_act("gelu", v) for v in x])


for name in ("softmax", "layernorm", "gelu"):
    for x, v in [([2.0, 1.0, 0.1, -1.0], [1.0, -1.0, 0.0, 0.5]), ([-3.0, 0.4, 4.9, 0.0], [0.3, 2.0, -5.0, 1.0]),
                 ([0.5, 0.5, 0.5, 0.5], [1.0, 0.0, -1.0, 0.0])]:
        y, J = jac_ref(name, x)
        key = (name, ",".join(map(repr, x)), ",".join(map(repr, v)))
        emit("jacobian.y", *key, *[float(t) for t in y])
        emit("jacobian.j", *key, *[float(t) for t in J.flatten()])
        emit("jacobian.jv", *key, *[float(t) for t in J @ np.array(v)])

# ---- Eigenvectors and PCA (Q28) --------------------------------------------------------------------
# numpy.linalg.eigh (ascending, so reversed), each eigenvector's sign flipped to make x > 0 (y > 0 if x = 0).
def eig_desc(S):
    w, V = np.linalg.eigh(S)
    w, V = w[::-1], V[:, ::-1]
    vecs = []
    for i in range(2):
        v = V[:, i]
        if v[0] < 0 or (v[0] == 0 and v[1] < 0):
            v = -v
        vecs.append(v)
    return w, vecs


for sx, sy, rho, seed in [(2.0, 1.0, 0.6, 1), (1.0, 1.0, 0.0, 2), (0.5, 3.0, -0.8, 5), (1.5, 1.5, 0.95, 9),
                          (3.0, 0.2, -0.05, 4)]:
    S = np.array([[sx * sx, rho * sx * sy], [rho * sx * sy, sy * sy]])
    w, (u1, u2) = eig_desc(S)
    if w[0] == w[1]:
        # S = sigma^2 I: every direction is an eigenvector; the explorer shows the axes, x first.
        u1, u2 = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    emit("pca.eigen", sx, sy, rho, float(w[0]), float(w[1]), *map(float, u1), *map(float, u2), float(w[0] / w.sum()))
    z = np.array(normals(seed, 80)).reshape(40, 2)
    L = np.linalg.cholesky(S)
    pts = z @ L.T
    emit("pca.cloud", sx, sy, rho, seed, *map(float, pts.flatten()))
    emit("pca.scores", sx, sy, rho, seed, *map(float, pts @ u1))
    C = np.cov(pts.T)
    wc, _ = eig_desc(C)
    emit("pca.sample", sx, sy, rho, seed, float(C[0, 0]), float(C[0, 1]), float(C[1, 1]), float(wc[0]), float(wc[1]),
         float(wc[0] / wc.sum()))

# ---- Causal vs bidirectional masks (Q9) ------------------------------------------------------------
# Scores: 12 x 12 normals from seed 2024, row by row; masked softmax with -inf where a causal query
# may not look. Masked-language modelling: per position u < 0.15 picks it, then r < 0.8 [MASK],
# r < 0.9 a random word (index floor(u' * 8)), else unchanged.
NM = 12
S = np.array(normals(2024, NM * NM)).reshape(NM, NM)
causal = np.tril(np.ones((NM, NM), dtype=bool))
for name, allowed in (("causal", causal), ("bidirectional", np.ones((NM, NM), dtype=bool))):
    masked = np.where(allowed, S, -np.inf)
    W = np.exp(masked - masked.max(axis=1, keepdims=True))
    W /= W.sum(axis=1, keepdims=True)
    for i in range(NM):
        emit("masks.weights", name, i, *map(float, W[i]))
for i in range(NM):
    emit("masks.scores", i, *map(float, S[i]))


def mlm(seed):
    u = splitmix(seed)
    f = lambda: (next(u) >> 11) / float(1 << 53)
    out = []
    for pos in range(NM):
        if f() >= 0.15:
            continue
        r = f()
        if r < 0.8:
            out.append(f"{pos}:mask")
        elif r < 0.9:
            out.append(f"{pos}:random{min(int(f() * 8), 7)}")
        else:
            out.append(f"{pos}:keep")
    return out


for seed in range(1, 31):
    emit("masks.mlm", seed, *mlm(seed))

sys.stdout.write("\n".join(out) + "\n")
