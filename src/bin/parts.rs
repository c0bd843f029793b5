//! The second stage's wasm: the sampling labs and the explorers, mounted by `<llm-part>` through
//! `llm_qa::parts` (`mount_part`). Built by `scripts/parts.sh`, not by Trunk's own Rust step.

fn main() {
    llm_qa::parts::start();
}
