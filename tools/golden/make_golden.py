#!/usr/bin/env python3
"""Golden vectors for llm_qa_core::sampling, produced by Hugging Face transformers itself.

Each case runs the real logits warpers (TemperatureLogitsWarper, TopKLogitsWarper,
TopPLogitsWarper, MinPLogitsWarper) in a LogitsProcessorList on a float64 tensor, then a
softmax, and records the probabilities and which tokens survive (final logit not -inf).

Made with (Python 3.11.7, CPU only):
    torch==2.15.0   transformers==5.24.0   (numpy not needed)

Rerun (the venv lives outside the repo; torch's Linux wheel from PyPI pulls ~3 GB of
CUDA wheels, which are installed but never used):
    python3 -m venv /tmp/hfvenv
    /tmp/hfvenv/bin/pip install torch==2.15.0 transformers==5.24.0
    /tmp/hfvenv/bin/python tools/golden/make_golden.py > crates/core/tests/data/sampling_golden.txt
then `cargo test -p llm-qa-core --test sampling_golden`.

Orders:
  first  Temperature, TopK, TopP, MinP  (transformers' own order)
  last   TopK, TopP, MinP, Temperature  (temperature on the survivors, llama.cpp style)
A warper is added the way generate() adds it: temperature if != 1, top-k if != 0,
top-p if < 1, min-p if > 0. Cases named "explicit_p1" also pass TopPLogitsWarper(1.0)
explicitly (a no-op there, since those logits have no zero-probability token).

Top-p ties: transformers sorts ascending with torch.sort (not stable). On the CPU, torch
keeps equal values in index order for up to 16 elements and not beyond. When a run of
tied tokens straddles the top-p cut (some kept, some removed), the case gets the flag
`tie_straddle`; for vocabularies > 16 the Rust test then only compares the kept count and
the multiset of probabilities, because which tied tokens torch keeps is an artefact of its
sort. Cases whose kept set would change if p or min_p moved by 1e-9 (and that are not
deliberate exact ties) are rejected: they would test rounding, not semantics.

Output format (one block per case, all floats as Python repr, round-trip exact):
    case NAME
    order first|last
    params TEMPERATURE TOP_K TOP_P MIN_P
    flags [tie_straddle]
    logits L0 L1 ...
    before P0 P1 ...      (softmax of the logits at T=1)
    after P0 P1 ...
    kept I0 I1 ...
    end
"""

import math
import random
import sys

import torch
import transformers
from transformers import LogitsProcessorList
from transformers.generation.logits_process import (
    MinPLogitsWarper,
    TemperatureLogitsWarper,
    TopKLogitsWarper,
    TopPLogitsWarper,
)

INF = float("inf")


def warpers(t, k, p, m, order, explicit_p1=False):
    temp = [TemperatureLogitsWarper(float(t))] if t != 1.0 else []
    trunc = []
    if k != 0:
        trunc.append(TopKLogitsWarper(top_k=k))
    if p < 1.0 or explicit_p1:
        trunc.append(TopPLogitsWarper(top_p=p))
    if m > 0.0:
        trunc.append(MinPLogitsWarper(min_p=m))
    return temp + trunc if order == "first" else trunc + temp


def run(logits, t, k, p, m, order, explicit_p1=False):
    """Returns (after probs, kept indices, tie_straddle)."""
    x = torch.tensor([logits], dtype=torch.float64)
    ids = torch.zeros((1, 1), dtype=torch.long)
    straddle = False
    for w in warpers(t, k, p, m, order, explicit_p1):
        y = w(ids, x)
        if isinstance(w, TopPLogitsWarper):
            alive_in = torch.isfinite(x[0]) | (x[0] > 0)
            kept = torch.isfinite(y[0])
            removed = alive_in & ~kept
            kept_vals = set(x[0][kept].tolist())
            if any(v in kept_vals for v in x[0][removed].tolist()):
                straddle = True
        x = y
    probs = torch.softmax(x, dim=-1)[0].tolist()
    kept = [i for i, v in enumerate(x[0].tolist()) if v != -INF]
    return probs, kept, straddle


def fragile(logits, t, k, p, m, order):
    _, base, _ = run(logits, t, k, p, m, order)
    for dp, dm in [(1e-9, 0), (-1e-9, 0), (0, 1e-9), (0, -1e-9)]:
        p2 = min(max(p + dp, 0.0), 1.0) if p < 1.0 else p
        m2 = min(max(m + dm, 0.0), 1.0) if m > 0.0 else m
        if run(logits, t, k, p2, m2, order)[1] != base:
            return True
    return False


rng = random.Random(20240601)


def normal(n, sd, mean=0.0):
    return [rng.gauss(mean, sd) for _ in range(n)]


def families(n):
    """Named logit vectors of length n."""
    fam = {
        "normal_sd1": normal(n, 1.0),
        "normal_sd3": normal(n, 3.0),
        "flat": [rng.uniform(-0.05, 0.05) for _ in range(n)],
    }
    if n >= 2:
        peaked = normal(n, 1.0)
        peaked[rng.randrange(n)] = 12.0
        fam["peaked"] = peaked
        fam["ties"] = [float(rng.randrange(3)) for _ in range(n)]
        fam["large_negative"] = [-1000.0 + rng.gauss(0, 2) for _ in range(n)]
        mixed = normal(n, 1.0)
        for i in rng.sample(range(n), max(1, n // 3)):
            mixed[i] = -800.0 + rng.gauss(0, 1)
        fam["underflow_mix"] = mixed
    if n >= 3:
        with_inf = normal(n, 2.0)
        for i in rng.sample(range(n), max(1, n // 4)):
            with_inf[i] = -INF
        fam["neg_inf"] = with_inf
    return fam


def has_zero_prob(logits):
    return any(v == 0.0 for v in torch.softmax(torch.tensor(logits, dtype=torch.float64), -1).tolist())


cases = []


def add(name, logits, t, k, p, m, order, allow_boundary=False, explicit_p1=False):
    if explicit_p1:
        assert p == 1.0 and not has_zero_prob(logits)
    if not allow_boundary and fragile(logits, t, k, p, m, order):
        return False
    probs, kept, straddle = run(logits, t, k, p, m, order, explicit_p1)
    before = torch.softmax(torch.tensor(logits, dtype=torch.float64), -1).tolist()
    assert abs(sum(probs) - 1.0) < 1e-12 and all(not math.isnan(v) for v in probs)
    cases.append((name, order, (t, k, p, m), straddle, logits, before, probs, kept))
    return True


# 1. Every filter alone and all combined, over vocab sizes and logit families, both orders.
PARAM_SETS = [
    ("temp_only", 0.7, 0, 1.0, 0.0),
    ("hot", 2.5, 0, 1.0, 0.0),
    ("topk3", 1.0, 3, 1.0, 0.0),
    ("topp09", 1.0, 0, 0.9, 0.0),
    ("minp01", 1.0, 0, 1.0, 0.1),
    ("typical", 0.8, 40, 0.95, 0.05),
    ("t07_k10_p08", 0.7, 10, 0.8, 0.0),
    ("t15_p05_minp02", 1.5, 0, 0.5, 0.2),
    ("t03_minp005", 0.3, 0, 1.0, 0.05),
    ("t2_k5_minp03", 2.0, 5, 1.0, 0.3),
]
for n in [1, 2, 5, 20, 200]:
    fams = families(n)
    for fi, (fname, logits) in enumerate(sorted(fams.items())):
        for order in ["first", "last"]:
            # a rotating subset of parameter sets keeps the file small but covers all
            for j in range(3 if n < 200 else 1):
                pname, t, k, p, m = PARAM_SETS[(fi * 3 + j + (order == "last") * 5 + n) % len(PARAM_SETS)]
                add(f"v{n}_{fname}_{pname}", logits, t, k, p, m, order)

# 2. Edge values of each knob.
base5 = [2.0, 1.0, 0.5, -1.0, -3.0]
base20 = normal(20, 2.0)
for order in ["first", "last"]:
    add("edge_p1_explicit", base20, 0.9, 0, 1.0, 0.0, order, explicit_p1=True)
    add("edge_p1_explicit_k", base5, 1.3, 2, 1.0, 0.0, order, explicit_p1=True)
    add("edge_p_tiny", base20, 1.0, 0, 1e-9, 0.0, order)
    add("edge_p_tiny_hot", base20, 5.0, 0, 1e-6, 0.0, order)
    add("edge_p0", base5, 1.0, 0, 0.0, 0.0, order)
    add("edge_k1", base20, 0.7, 1, 1.0, 0.0, order)
    add("edge_k_vocab", base20, 0.7, 20, 1.0, 0.0, order)
    add("edge_k_over_vocab", base5, 1.2, 50, 0.9, 0.0, order)
    add("edge_minp099", base20, 1.0, 0, 1.0, 0.99, order)
    add("edge_minp1", [1.0, 3.0, 3.0, 2.0], 1.0, 0, 1.0, 1.0, order)
    add("edge_t_tiny", base5, 1e-3, 0, 1.0, 0.0, order)
    add("edge_t_huge", base20, 1e3, 0, 0.9, 0.0, order)
    add("edge_all_filters_tight", base20, 0.5, 2, 0.3, 0.9, order)

# 3. Ties: top-k keeps ties with the k-th value; top-p exact dyadic ties (vocab <= 16,
#    where torch's sort keeps ties in index order); one straddling tie in a big vocab.
for order in ["first", "last"]:
    add("tie_topk_kth", [3.0, 1.0, 2.0, 2.0, 0.0, 2.0], 1.0, 2, 1.0, 0.0, order, allow_boundary=True)
    add("tie_topk_all_equal", [0.5] * 8, 0.9, 3, 1.0, 0.0, order, allow_boundary=True)
    add("tie_topp_quarters", [0.0, 0.0, 0.0, 0.0], 1.0, 0, 0.5, 0.0, order, allow_boundary=True)
    add("tie_topp_quarters_p06", [0.0, 0.0, 0.0, 0.0], 1.0, 0, 0.6, 0.0, order, allow_boundary=True)
    add("tie_topp_top_pair", [1.0, 5.0, 0.0, 5.0, 2.0], 1.0, 0, 1e-6, 0.0, order, allow_boundary=True)
    add("tie_topp_eighths", [0.0] * 8 + [-INF] * 3, 1.0, 0, 0.3, 0.0, order, allow_boundary=True)
    add("tie_minp_equal_max", [2.0, 2.0, 1.0, 2.0], 1.0, 0, 1.0, 0.9, order, allow_boundary=True)
    add("tie_straddle_v20", [0.0] * 20, 1.0, 0, 0.5, 0.0, order, allow_boundary=True)
    ties200 = [float(rng.randrange(4)) for _ in range(200)]
    add("tie_straddle_v200", ties200, 1.2, 0, 0.7, 0.0, order, allow_boundary=True)

# 4. Order matters: temperature before vs after min-p / top-p on the same logits.
for order in ["first", "last"]:
    add("order_minp_hot", [2.0, 1.0, 0.0, -0.5], 2.0, 0, 1.0, 0.3, order)
    add("order_topp_cold", [2.0, 1.5, 1.0, 0.0, -1.0], 0.4, 0, 0.8, 0.0, order)
    add("order_topp_hot", [2.0, 1.5, 1.0, 0.0, -1.0], 3.0, 0, 0.8, 0.0, order)

print(f"# sampling golden vectors: {len(cases)} cases, torch {torch.__version__}, "
      f"transformers {transformers.__version__}. Made by tools/golden/make_golden.py; do not edit.")
for name, order, (t, k, p, m), straddle, logits, before, probs, kept in cases:
    out = sys.stdout
    out.write(f"case {name}\n")
    out.write(f"order {order}\n")
    out.write(f"params {float(t)!r} {k} {float(p)!r} {float(m)!r}\n")
    out.write("flags" + (" tie_straddle" if straddle else "") + "\n")
    out.write("logits " + " ".join(repr(float(v)) for v in logits) + "\n")
    out.write("before " + " ".join(repr(float(v)) for v in before) + "\n")
    out.write("after " + " ".join(repr(float(v)) for v in probs) + "\n")
    out.write("kept " + " ".join(str(i) for i in kept) + "\n")
    out.write("end\n")
print(f"{len(cases)} cases", file=sys.stderr)
