//! One file per component. Components receive data and callbacks; they do not compute.

pub mod footer;
pub mod header;
