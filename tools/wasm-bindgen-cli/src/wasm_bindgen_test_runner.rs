//! `wasm-bindgen-test-runner`, the runner `cargo test --target wasm32-unknown-unknown` calls
//! (.cargo/config.toml).
fn main() -> anyhow::Result<()> {
    env_logger::init();
    wasm_bindgen_cli::wasm_bindgen_test_runner::run_cli_with_args(std::env::args_os())
}
