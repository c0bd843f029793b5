use llm_qa_core::search::SearchIndex;

#[test]
fn explore() {
    let ix = SearchIndex::from_bank();
    let qs = std::env::var("Q").unwrap_or_default();
    for q in qs.split('|') {
        let r = ix.search(q, None);
        let top: Vec<String> = r
            .hits
            .iter()
            .take(10)
            .map(|h| format!("{}:{:.2}", h.id, h.score))
            .collect();
        println!(
            "{q:?} total={} partial={} clauses={} -> {}",
            r.total(),
            r.partial,
            r.clauses,
            top.join(" ")
        );
        if let Some(h) = r.hits.iter().find(|h| {
            std::env::var("ID")
                .map(|i| i == h.id.to_string())
                .unwrap_or(true)
        }) {
            let hl = ix.highlight(&r, h);
            let show = |m: &llm_qa_core::search::Marked| {
                m.segments()
                    .iter()
                    .map(|s| {
                        if s.hit {
                            format!("[{}]", s.text)
                        } else {
                            s.text.to_string()
                        }
                    })
                    .collect::<String>()
            };
            println!(
                "   Q: {} | {}",
                show(&hl.question_en),
                show(&hl.question_zh)
            );
            println!("   E: {}", show(&hl.excerpt_en));
            println!("   Z: {}", show(&hl.excerpt_zh));
        }
    }
}

#[test]
#[ignore]
fn build_loop() {
    let t = std::time::Instant::now();
    for _ in 0..300 {
        std::hint::black_box(SearchIndex::from_bank());
    }
    println!("build {:?}", t.elapsed() / 300);
}
