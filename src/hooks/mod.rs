//! The app's own hooks, one file each.

mod use_islands;

pub use use_islands::use_islands;
