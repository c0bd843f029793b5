//! The browser entry point: everything lives in the library so that the same components can be
//! rendered to HTML at build time.

fn main() {
    llm_qa::start();
}
