//! Checks `assets/questions.toml` and turns it into `$OUT_DIR/bank_data.rs` for `src/bank.rs`.
//! A malformed bank fails the build here, with every problem named, instead of failing the user.

use std::path::PathBuf;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let bank = manifest_dir.join("../../assets/questions.toml");
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo")).join("bank_data.rs");
    println!("cargo:rerun-if-changed={}", bank.display());
    println!("cargo:rerun-if-changed=build.rs");
    if let Err(e) = bankgen::generate_file(&bank, &out) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
