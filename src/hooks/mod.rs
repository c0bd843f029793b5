//! The app's own hooks, one file each.

mod use_islands;
mod use_listeners;

pub use use_islands::use_islands;
pub use use_listeners::use_listeners;
