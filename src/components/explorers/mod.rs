//! Interactive explorers that live inside their question's card, built only while the card is open.

use llm_qa_core::i18n::LangChoice;
use yew::prelude::*;

/// The explorer for a card, if it has one.
pub fn explorer_for(_id: u8, _lang: LangChoice) -> Option<Html> {
    None
}
