//! `wasm2es6js`, installed with the other two as `cargo install wasm-bindgen-cli` would.
fn main() -> anyhow::Result<()> {
    env_logger::init();
    wasm_bindgen_cli::wasm2es6js::run_cli_with_args(std::env::args_os())
}
