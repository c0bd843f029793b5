//! Checks `sample_distribution` against golden vectors made by Hugging Face transformers'
//! own logits warpers (tools/golden/make_golden.py → tests/data/sampling_golden.txt).

use llm_qa_core::sampling::{sample_distribution, Order, SamplingParams};

const GOLDEN: &str = include_str!("data/sampling_golden.txt");
const TOL: f64 = 1e-6;

struct Case {
    name: String,
    params: SamplingParams,
    tie_straddle: bool,
    logits: Vec<f64>,
    before: Vec<f64>,
    after: Vec<f64>,
    kept: Vec<usize>,
}

fn floats(rest: &str) -> Vec<f64> {
    rest.split_whitespace()
        .map(|s| s.parse().unwrap_or_else(|_| panic!("bad float {s:?}")))
        .collect()
}

fn parse() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut lines = GOLDEN.lines().filter(|l| !l.starts_with('#'));
    while let Some(line) = lines.next() {
        let name = line.strip_prefix("case ").expect("case line").to_string();
        let mut field = |key: &str| -> String {
            let l = lines.next().expect("field");
            let (k, rest) = l.split_once(' ').unwrap_or((l, ""));
            assert_eq!(k, key, "in case {name}");
            rest.to_string()
        };
        let order = match field("order").as_str() {
            "first" => Order::TemperatureFirst,
            "last" => Order::TemperatureLast,
            o => panic!("order {o}"),
        };
        let p = floats(&field("params"));
        let params = SamplingParams {
            temperature: p[0],
            top_k: p[1] as usize,
            top_p: p[2],
            min_p: p[3],
            order,
        };
        let tie_straddle = field("flags").contains("tie_straddle");
        let logits = floats(&field("logits"));
        let before = floats(&field("before"));
        let after = floats(&field("after"));
        let kept = field("kept")
            .split_whitespace()
            .map(|s| s.parse().unwrap())
            .collect();
        assert_eq!(lines.next(), Some("end"));
        cases.push(Case {
            name,
            params,
            tie_straddle,
            logits,
            before,
            after,
            kept,
        });
    }
    cases
}

fn sorted(v: &[f64]) -> Vec<f64> {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

fn assert_close(name: &str, what: &str, got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{name}: {what} length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= TOL,
            "{name}: {what}[{i}] = {g}, transformers says {w}"
        );
    }
}

/// The number of cases the generator wrote, from the file's first line
/// ("# sampling golden vectors: 221 cases, …").
fn declared_cases() -> usize {
    let header = GOLDEN.lines().next().expect("an empty golden file");
    header
        .strip_prefix("# sampling golden vectors: ")
        .and_then(|rest| rest.split_once(" cases"))
        .and_then(|(n, _)| n.parse().ok())
        .unwrap_or_else(|| panic!("no case count in the header {header:?}"))
}

#[test]
fn matches_transformers_golden_vectors() {
    let cases = parse();
    // Every case the generator wrote, not a share of them: a file cut short, or cases the parser
    // skipped, fail here.
    assert_eq!(
        cases.len(),
        declared_cases(),
        "cases read vs cases the header declares"
    );
    let (mut exact, mut up_to_ties) = (0, 0);
    for c in &cases {
        let d = sample_distribution(&c.logits, &c.params);
        assert_close(&c.name, "before", &d.before(), &c.before);
        if c.tie_straddle && c.logits.len() > 16 {
            // torch's unstable sort decides which tied tokens survive: compare what is
            // determined — how many survive and the multiset of probabilities.
            assert_eq!(d.kept, c.kept.len(), "{}: kept count", c.name);
            assert_close(
                &c.name,
                "sorted after",
                &sorted(&d.after()),
                &sorted(&c.after),
            );
            up_to_ties += 1;
        } else {
            assert_close(&c.name, "after", &d.after(), &c.after);
            assert_eq!(d.kept_indices(), c.kept, "{}: kept set", c.name);
            exact += 1;
        }
    }
    assert_eq!(exact + up_to_ties, cases.len(), "cases compared");
    println!("{exact} cases exact, {up_to_ties} up to torch's tie order");
}
