//! The explorers' numbers against values computed independently by
//! `tools/explore/make_reference.py` (plain Python and numpy; see the script for how to rerun it).

use llm_qa_core::explore::{
    attention, beam, bpe, cross_entropy, jacobian, kl, masks, pca, positional, relu, scaling,
    softmax,
};
use llm_qa_core::i18n::Lang;

const DATA: &str = include_str!("data/explore_reference.txt");

/// Every kind of record in the reference file, each read by one of the tests below.
const KEYS: &[&str] = &[
    "bpe.words",
    "bpe.base",
    "bpe.merge",
    "bpe.tpw",
    "bpe.vocab",
    "bpe.encode",
    "softmax",
    "attention",
    "beam.all",
    "beam.best",
    "pe.row",
    "pe.sim",
    "ce",
    "kl",
    "relu.layer",
    "relu.stats",
    "gelu",
    "scaling.2d",
    "scaling.stats",
    "scaling.hist",
    "scaling.row",
    "scaling.softmax",
    "jacobian.y",
    "jacobian.j",
    "jacobian.jv",
    "pca.eigen",
    "pca.cloud",
    "pca.scores",
    "pca.sample",
    "masks.scores",
    "masks.weights",
    "masks.mlm",
];

/// Records with `key`, each as its fields after the key.
fn records(key: &str) -> Vec<Vec<&'static str>> {
    assert!(KEYS.contains(&key), "{key} is not in KEYS");
    let v: Vec<Vec<&str>> = DATA
        .lines()
        .filter_map(|l| {
            let mut f = l.split(' ');
            (f.next() == Some(key)).then(|| f.collect())
        })
        .collect();
    assert!(!v.is_empty(), "no {key} records");
    v
}

fn num(s: &str) -> f64 {
    if s == "inf" {
        return f64::INFINITY;
    }
    s.parse().unwrap_or_else(|_| panic!("not a number: {s}"))
}

fn nums(f: &[&str]) -> Vec<f64> {
    f.iter().map(|s| num(s)).collect()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a.is_infinite() && a == b) || (a - b).abs() <= tol
}

/// As many values as the reference, each within `tol` of it (`zip` alone would stop at the shorter).
fn assert_all_close(got: &[f64], want: &[f64], tol: f64, record: &[&str]) {
    assert_eq!(got.len(), want.len(), "{record:?}: number of values");
    for (i, (a, b)) in got.iter().zip(want).enumerate() {
        assert!(close(*a, *b, tol), "{record:?}: [{i}] = {a}, reference {b}");
    }
}

#[test]
fn every_reference_record_is_checked() {
    // A record of a kind that no test reads would be compared against nothing.
    let mut seen = std::collections::BTreeSet::new();
    for line in DATA.lines() {
        let key = line.split(' ').next().unwrap_or_default();
        assert!(KEYS.contains(&key), "record of unknown kind: {line:.60}");
        seen.insert(key);
    }
    assert_eq!(seen.len(), KEYS.len(), "kinds in KEYS that the file lacks");
}

#[test]
fn bpe_matches_a_naive_reimplementation() {
    let b = bpe::Bpe::bank();
    assert_eq!(b.corpus_words(), num(records("bpe.words")[0][0]) as u64);
    assert_eq!(b.base_size(), num(records("bpe.base")[0][0]) as usize);
    let merges = records("bpe.merge");
    assert_eq!(merges.len(), b.merge_count());
    for f in &merges {
        let i: usize = f[0].parse().unwrap();
        let (l, r, _) = b.merge(i).unwrap();
        assert_eq!((l, r), (f[1], f[2]), "merge {i}");
    }
    for f in records("bpe.tpw") {
        let m: usize = f[0].parse().unwrap();
        assert!(close(b.tokens_per_word(m), num(f[1]), 1e-12), "tpw {m}");
    }
    for f in records("bpe.vocab") {
        let m: usize = f[0].parse().unwrap();
        assert_eq!(b.vocab_size(m), f[1].parse::<usize>().unwrap(), "vocab {m}");
    }
    for f in records("bpe.encode") {
        let m: usize = f[1].parse().unwrap();
        let got: Vec<String> = b.encode_word(f[0], m).iter().map(|p| p.label()).collect();
        assert_eq!(got, f[2..], "{} at {m}", f[0]);
    }
}

#[test]
fn softmax_matches_numpy() {
    for f in records("softmax") {
        let z = nums(&f[1].split(',').collect::<Vec<_>>());
        let s = softmax::Softmax {
            scores: [z[0], z[1], z[2], z[3]],
            temperature: num(f[0]),
        };
        assert_all_close(&s.probs(), &nums(&f[2..]), 1e-12, &f);
    }
}

#[test]
fn attention_matches_numpy() {
    let rows = records("attention");
    assert_eq!(rows.len(), attention::MAX_HEADS * 2 * attention::N);
    for f in rows {
        let (h, scaled, i): (usize, bool, usize) =
            (f[0].parse().unwrap(), f[1] == "1", f[2].parse().unwrap());
        let w = attention::weights(h, scaled)[i];
        assert_all_close(&w, &nums(&f[3..]), 1e-12, &f);
    }
}

#[test]
fn beam_search_matches_an_exhaustive_enumeration() {
    let mut all: Vec<(String, f64)> = beam::all_sequences()
        .iter()
        .map(|b| (b.sentence(Lang::En), b.logp))
        .collect();
    let mut reference: Vec<(String, f64)> = records("beam.all")
        .iter()
        .map(|f| (f[1..].join(" "), num(f[0])))
        .collect();
    let key =
        |v: &mut Vec<(String, f64)>| v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    key(&mut all);
    key(&mut reference);
    assert_eq!(all.len(), reference.len());
    for (a, b) in all.iter().zip(&reference) {
        assert_eq!(a.0, b.0);
        assert!(close(a.1, b.1, 1e-12));
    }
    for f in records("beam.best") {
        let k: usize = f[0].parse().unwrap();
        let steps = beam::search(k);
        let best = beam::result(&steps).unwrap();
        assert_eq!(best.sentence(Lang::En), f[2..].join(" "), "width {k}");
        assert!(close(best.logp, num(f[1]), 1e-12));
    }
}

#[test]
fn positional_encoding_matches_numpy() {
    for f in records("pe.row") {
        let (n, d, r): (usize, usize, usize) = (
            f[0].parse().unwrap(),
            f[1].parse().unwrap(),
            f[2].parse().unwrap(),
        );
        let s = positional::Positional {
            len: n,
            width: d,
            pos: 0,
        };
        let matrix = s.matrix();
        assert_eq!(matrix.len(), n, "{f:?}: rows");
        assert_all_close(&matrix[r], &nums(&f[3..]), 1e-12, &f);
    }
    for f in records("pe.sim") {
        let s = positional::Positional {
            len: f[0].parse().unwrap(),
            width: f[1].parse().unwrap(),
            pos: f[2].parse().unwrap(),
        };
        assert_all_close(&s.similarity(), &nums(&f[3..]), 1e-10, &f);
    }
}

#[test]
fn cross_entropy_matches_numpy() {
    for f in records("ce") {
        let s = cross_entropy::CrossEntropy { p: num(f[0]) };
        assert!(close(s.loss(), num(f[1]), 1e-12));
        assert!(close(s.grad_p(), num(f[2]), 1e-9));
        assert_all_close(&s.grad_logits(), &nums(&f[3..]), 1e-12, &f);
    }
}

#[test]
fn kl_matches_numpy_including_infinity() {
    for f in records("kl") {
        let p = nums(&f[0].split(',').collect::<Vec<_>>());
        let q = nums(&f[1].split(',').collect::<Vec<_>>());
        let s = kl::Kl {
            p: [p[0], p[1], p[2], p[3]],
            q: [q[0], q[1], q[2], q[3]],
        };
        let (pq, qp) = (s.divergence(kl::Which::P), s.divergence(kl::Which::Q));
        assert!(close(pq, num(f[2]), 1e-12), "{f:?}: {pq}");
        assert!(close(qp, num(f[3]), 1e-12), "{f:?}: {qp}");
    }
}

#[test]
fn relu_layer_and_gelu_match_python() {
    for f in records("relu.layer") {
        let s = relu::Activations {
            act: relu::Act::Relu,
            mean: num(f[1]),
            seed: f[0].parse().unwrap(),
        };
        assert_all_close(&s.layer(), &nums(&f[2..]), 1e-12, &f);
    }
    for f in records("relu.stats") {
        let s = relu::Activations {
            act: relu::Act::Relu,
            mean: num(f[1]),
            seed: f[0].parse().unwrap(),
        };
        let act = *relu::ACTS.iter().find(|a| a.id() == f[2]).unwrap();
        let st = s.stats(act);
        assert_eq!(st.zero, f[3].parse::<usize>().unwrap(), "{f:?}");
        // GELU uses an erfc fit with relative error < 1.2e-7.
        assert!(close(st.mean_grad, num(f[4]), 1e-6), "{f:?}");
    }
    for f in records("gelu") {
        let x = num(f[0]);
        assert!(close(relu::Act::Gelu.f(x), num(f[1]), 1e-6), "{x}");
        assert!(close(relu::Act::Gelu.df(x), num(f[2]), 1e-6), "{x}");
    }
}

fn scaling_at(d: &str, seed: &str) -> scaling::Scaling {
    scaling::Scaling {
        d: d.parse().unwrap(),
        seed: seed.parse().unwrap(),
        ..scaling::Scaling::default()
    }
}

#[test]
fn dot_product_scaling_matches_numpy() {
    for f in records("scaling.2d") {
        let v = nums(&f);
        let s = scaling::Scaling {
            q: [v[0], v[1]],
            k: [v[2], v[3]],
            ..scaling::Scaling::default()
        };
        let t = s.two_d();
        assert_all_close(
            &[t.dot, t.norm_q, t.norm_k, t.cos.unwrap()],
            &v[4..8],
            1e-12,
            &f,
        );
        // numpy's side goes through acos, which loses digits near 180°.
        assert!(close(t.degrees.unwrap(), v[8], 1e-5), "{f:?}");
    }
    for f in records("scaling.stats") {
        let s = scaling_at(f[0], f[1]);
        let (pairs, _) = s.draws();
        let (mean, var) = scaling::mean_var(&pairs);
        let scaled: Vec<f64> = pairs.iter().map(|x| x / s.scale()).collect();
        let got = [mean, var, scaling::mean_var(&scaled).1];
        assert_all_close(&got, &nums(&f[2..]), 1e-9, &f);
    }
    for f in records("scaling.hist") {
        let (pairs, _) = scaling_at(f[0], f[1]).draws();
        let got: Vec<f64> = scaling::histogram(&pairs)
            .iter()
            .map(|&c| c as f64)
            .collect();
        assert_all_close(&got, &nums(&f[2..]), 0.0, &f);
    }
    for f in records("scaling.row") {
        let (_, row) = scaling_at(f[0], f[1]).draws();
        assert_all_close(&row, &nums(&f[2..]), 1e-9, &f);
    }
    for f in records("scaling.softmax") {
        let s = scaling_at(f[0], f[1]);
        let (_, row) = s.draws();
        let by = if f[2] == "1" { s.scale() } else { 1.0 };
        let r = scaling::Scaling::row_softmax(&row, by);
        assert!(close(r.entropy_bits, num(f[3]), 1e-9), "{f:?}");
        assert_all_close(&r.probs, &nums(&f[4..]), 1e-12, &f);
    }
}

#[test]
fn jacobians_match_numpy() {
    let four = |s: &str| -> [f64; 4] {
        let v = nums(&s.split(',').collect::<Vec<_>>());
        [v[0], v[1], v[2], v[3]]
    };
    for key in ["jacobian.y", "jacobian.j", "jacobian.jv"] {
        for f in records(key) {
            let func = *jacobian::FUNCS.iter().find(|g| g.id() == f[0]).unwrap();
            let s = jacobian::Jacobian {
                func,
                x: four(f[1]),
                v: four(f[2]),
            };
            let n = s.numbers();
            let got: Vec<f64> = match key {
                "jacobian.y" => n.y,
                "jacobian.j" => n.j.concat(),
                _ => n.jv,
            };
            // GELU's Φ is an erfc fit (relative error < 1.2e-7); numpy's side uses math.erf.
            let tol = if func == jacobian::Func::Gelu {
                1e-6
            } else {
                1e-12
            };
            assert_all_close(&got, &nums(&f[3..]), tol, &f);
        }
    }
}

#[test]
fn pca_matches_numpy_eigh() {
    let at = |f: &[&str]| pca::Pca {
        sx: num(f[0]),
        sy: num(f[1]),
        rho: num(f[2]),
        seed: f.get(3).map_or(1, |s| s.parse().unwrap()),
    };
    for f in records("pca.eigen") {
        let e = at(&f[..3]).eigen();
        let got = [
            e.values[0],
            e.values[1],
            e.vectors[0][0],
            e.vectors[0][1],
            e.vectors[1][0],
            e.vectors[1][1],
            e.share(),
        ];
        let want = nums(&f[3..]);
        if want[0] == want[1] {
            // Σ = σ²I: every direction is an eigenvector, so numpy's pick is as good as ours (the
            // axes); compare the eigenvalues and the share.
            assert_all_close(
                &[got[0], got[1], got[6]],
                &[want[0], want[1], want[6]],
                1e-12,
                &f,
            );
            assert_eq!(e.vectors, [[1.0, 0.0], [0.0, 1.0]]);
        } else {
            assert_all_close(&got, &want, 1e-12, &f);
        }
    }
    for f in records("pca.cloud") {
        let got: Vec<f64> = at(&f).points().concat();
        assert_all_close(&got, &nums(&f[4..]), 1e-12, &f);
    }
    for f in records("pca.scores") {
        assert_all_close(&at(&f).scores(), &nums(&f[4..]), 1e-12, &f);
    }
    for f in records("pca.sample") {
        let p = at(&f);
        let (a, b, c) = p.sample_covariance();
        let e = pca::eigen_sym(a, b, c);
        let got = [a, b, c, e.values[0], e.values[1], e.share()];
        assert_all_close(&got, &nums(&f[4..]), 1e-12, &f);
    }
}

#[test]
fn attention_masks_match_numpy() {
    let scores = masks::scores();
    for f in records("masks.scores") {
        let i: usize = f[0].parse().unwrap();
        assert_all_close(&scores[i], &nums(&f[1..]), 1e-12, &f);
    }
    for f in records("masks.weights") {
        let i: usize = f[1].parse().unwrap();
        let w = masks::weights(f[0] == "causal", i);
        assert_all_close(&w, &nums(&f[2..]), 1e-12, &f);
    }
    for f in records("masks.mlm") {
        let m = masks::Masks {
            query: 0,
            seed: f[0].parse().unwrap(),
        };
        let got: Vec<String> = m
            .picked()
            .iter()
            .map(|p| match p.replace {
                masks::Replace::Mask => format!("{}:mask", p.pos),
                masks::Replace::Random(k) => format!("{}:random{k}", p.pos),
                masks::Replace::Keep => format!("{}:keep", p.pos),
            })
            .collect();
        assert_eq!(got, f[1..], "seed {}", f[0]);
    }
}
