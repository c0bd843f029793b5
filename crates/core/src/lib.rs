//! The pure core of the app: everything that computes, nothing that touches the DOM.
//!
//! Each module is tested natively with `cargo test` and benchmarked with criterion.

pub mod bank;
pub mod embed;
pub mod explore;
pub mod i18n;
pub mod idset;
pub mod json;
pub mod lab;
pub mod part;
pub mod progress;
pub mod route;
pub mod sampling;
pub mod search;
pub mod sort;
pub mod theme;
