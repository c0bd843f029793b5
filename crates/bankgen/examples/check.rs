//! Checks a bank without building the app, and prints every problem:
//! `cargo run -p bankgen --example check -- assets/questions.toml [out.rs]`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "assets/questions.toml".to_string());
    let src = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    match bankgen::check(&src, bankgen::Rules::default()) {
        Ok(bank) => {
            println!(
                "{path}: ok, {} questions, {} topics",
                bank.questions.len(),
                bank.topics.len()
            );
            if let Some(out) = args.next() {
                if let Err(e) = std::fs::write(&out, bankgen::generate(&bank)) {
                    eprintln!("cannot write {out}: {e}");
                    return ExitCode::FAILURE;
                }
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprint!("{path}: {problems}");
            ExitCode::FAILURE
        }
    }
}
