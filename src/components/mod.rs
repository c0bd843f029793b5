//! One file per component. Components receive data and callbacks; they do not compute.

pub mod card;
pub mod card_list;
pub mod embed_share;
pub mod embed_view;
pub mod footer;
pub mod header;
pub mod highlight;
pub mod lang_toggle;
pub mod part_slot;
pub mod quiz;
pub mod rich_text;
pub mod toolbar;
pub mod update_prompt;
