//! All state changes of the app: one `Reducible` driven by `Action`s. Components dispatch actions and
//! render the state; the effects in `app.rs` persist it.

use llm_qa_core::idset::IdSet;
use std::rc::Rc;

use llm_qa_core::bank::QUESTIONS;
use llm_qa_core::i18n::LangChoice;
use llm_qa_core::progress::{Mark, Marks, Quiz, Verdict};
use llm_qa_core::theme::Theme;
use yew::Reducible;

/// The study filter next to the search.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StudyFilter {
    #[default]
    All,
    Starred,
    NotKnown,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    pub lang: LangChoice,
    pub query: String,
    /// Index into `bank::TOPICS`.
    pub topic: Option<usize>,
    pub filter: StudyFilter,
    /// Cards whose answer is shown.
    pub open: IdSet,
    pub marks: Marks,
    pub quiz: Option<Quiz>,
    /// The page-level sampling lab's URL keys, as the address bar has them (the lab, a second-stage
    /// part, reads them; the labs inside cards keep their own settings).
    pub lab: Rc<Vec<(String, String)>>,
    /// Bumped whenever a card should be scrolled to (a `#q12` link): effects watch it.
    pub jump: Option<(u8, u32)>,
    /// The explorers' settings as the URL has them.
    pub explore: Rc<ExploreUrl>,
    pub theme: Theme,
    /// The editor's notes are hidden (they are shown unless the reader hides them).
    pub notes_hidden: bool,
}

/// Explorer settings from the URL (`?at.h=3#q22`), for the explorers that open after it was read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExploreUrl {
    /// The card they belong to (the URL's `#q22`), or `None` for every explorer of their kind.
    pub card: Option<u8>,
    pub pairs: Vec<(String, String)>,
    /// Bumped when the address bar changes (load, Back/Forward) so that open explorers start over
    /// from it; not bumped when an explorer itself wrote the URL.
    pub generation: u32,
}

impl ExploreUrl {
    /// Whether these settings are meant for card `id`'s explorer.
    pub fn for_card(&self, id: u8) -> bool {
        !self.pairs.is_empty() && self.card.is_none_or(|c| c == id)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(LangChoice),
    SetTheme(Theme),
    SetNotesHidden(bool),
    SetQuery(String),
    SetTopic(Option<usize>),
    SetFilter(StudyFilter),
    /// The address bar changed (load, Back/Forward): query and topic follow it.
    FromUrl {
        query: String,
        topic: Option<usize>,
    },
    SetMarks(Marks),
    /// The page lab's URL keys (load, Back/Forward, or the lab's own change).
    SetLab(Vec<(String, String)>),
    SetOpen(u8, bool),
    /// The address bar's explorer settings (load, Back/Forward).
    ExploreFromUrl(Option<u8>, Vec<(String, String)>),
    /// Card `id`'s explorer changed and wrote its settings to the URL.
    ExploreChanged(u8, Vec<(String, String)>),
    /// Open or close every card in the list.
    SetAllOpen(Vec<u8>, bool),
    /// Open a card and scroll to it (`#q12`).
    JumpTo(u8),
    ToggleMark(u8, Mark),
    StartQuiz {
        ids: Vec<u8>,
        shuffle_seed: Option<u64>,
    },
    Reveal,
    Rate(Verdict),
    EndQuiz,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetLang(l) => s.lang = l,
            Action::SetTheme(t) => s.theme = t,
            Action::SetNotesHidden(h) => s.notes_hidden = h,
            Action::SetQuery(q) => s.query = q,
            Action::SetTopic(t) => s.topic = t,
            Action::SetFilter(f) => s.filter = f,
            Action::FromUrl { query, topic } => {
                s.query = query;
                s.topic = topic;
            }
            Action::SetMarks(m) => s.marks = m,
            Action::SetLab(l) => s.lab = Rc::new(l),
            Action::ExploreFromUrl(card, pairs) => {
                s.explore = Rc::new(ExploreUrl {
                    card,
                    pairs,
                    generation: s.explore.generation.wrapping_add(1),
                });
            }
            Action::ExploreChanged(id, pairs) => {
                s.explore = Rc::new(ExploreUrl {
                    card: Some(id),
                    pairs,
                    generation: s.explore.generation,
                });
            }
            Action::SetOpen(id, true) => {
                s.open.insert(id);
            }
            Action::SetOpen(id, false) => {
                s.open.remove(&id);
            }
            Action::SetAllOpen(ids, open) => {
                for id in ids {
                    if open {
                        s.open.insert(id);
                    } else {
                        s.open.remove(&id);
                    }
                }
            }
            Action::JumpTo(id) => {
                if QUESTIONS.iter().any(|q| q.id == id) {
                    s.open.insert(id);
                    s.quiz = None;
                    // A card hidden by the search or a filter is shown by clearing them.
                    s.query.clear();
                    s.topic = None;
                    s.filter = StudyFilter::All;
                    let n = s.jump.map_or(0, |j| j.1.wrapping_add(1));
                    s.jump = Some((id, n));
                }
            }
            Action::ToggleMark(id, mark) => s.marks.toggle(id, mark),
            Action::StartQuiz { ids, shuffle_seed } => s.quiz = Some(Quiz::new(ids, shuffle_seed)),
            Action::Reveal => {
                if let Some(q) = s.quiz.as_mut() {
                    q.reveal();
                }
            }
            Action::Rate(verdict) => {
                if let Some(id) = s.quiz.as_mut().and_then(|q| q.rate(verdict)) {
                    s.marks.put(id, Mark::Known, verdict == Verdict::Known);
                }
            }
            Action::EndQuiz => s.quiz = None,
        }
        Rc::new(s)
    }
}

impl State {
    /// Whether a card passes the study filter.
    pub fn passes_filter(&self, id: u8) -> bool {
        match self.filter {
            StudyFilter::All => true,
            StudyFilter::Starred => self.marks.has(id, Mark::Starred),
            StudyFilter::NotKnown => !self.marks.has(id, Mark::Known),
        }
    }

    /// Whether toggling `mark` on card `id` takes the card out of the filtered list (so keyboard
    /// focus, which is on that card's button, has to move elsewhere first).
    pub fn toggle_hides(&self, id: u8, mark: Mark) -> bool {
        match (self.filter, mark) {
            (StudyFilter::Starred, Mark::Starred) => self.marks.has(id, Mark::Starred),
            (StudyFilter::NotKnown, Mark::Known) => !self.marks.has(id, Mark::Known),
            _ => false,
        }
    }
}

/// The order of every card in the list: the shown ones first, as given, then the others (hidden) by
/// id. Cards leave the list by being hidden, never removed, so this always names each card once.
pub fn display_order(shown: &[u8]) -> Vec<u8> {
    let mut order = Vec::with_capacity(QUESTIONS.len());
    let mut listed = [false; 256];
    for &id in shown {
        if !std::mem::replace(&mut listed[usize::from(id)], true) {
            order.push(id);
        }
    }
    order.extend(
        QUESTIONS
            .iter()
            .map(|q| q.id)
            .filter(|&id| !listed[usize::from(id)]),
    );
    order
}

/// Where focus goes when card `id` leaves the list `shown`: the card after it, else the one before.
pub fn neighbour(shown: &[u8], id: u8) -> Option<u8> {
    let at = shown.iter().position(|&x| x == id)?;
    shown
        .get(at + 1)
        .or_else(|| at.checked_sub(1).and_then(|i| shown.get(i)))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(actions: impl IntoIterator<Item = Action>) -> State {
        let mut s = Rc::new(State::default());
        for a in actions {
            s = s.reduce(a);
        }
        (*s).clone()
    }

    #[test]
    fn rating_in_the_quiz_sets_and_clears_the_known_mark() {
        let s = run([
            Action::ToggleMark(2, Mark::Known),
            Action::StartQuiz {
                ids: vec![1, 2],
                shuffle_seed: None,
            },
            Action::Reveal,
            Action::Rate(Verdict::Known),
            Action::Rate(Verdict::Again),
        ]);
        assert!(s.marks.has(1, Mark::Known));
        assert!(!s.marks.has(2, Mark::Known));
        assert!(s.quiz.as_ref().unwrap().is_done());
    }

    #[test]
    fn jumping_to_a_card_opens_it_and_clears_what_hides_it() {
        let s = run([
            Action::SetQuery("beam".into()),
            Action::SetTopic(Some(0)),
            Action::SetFilter(StudyFilter::Starred),
            Action::JumpTo(12),
        ]);
        assert!(s.open.contains(&12));
        assert_eq!(
            (s.query.as_str(), s.topic, s.filter),
            ("", None, StudyFilter::All)
        );
        assert_eq!(s.jump, Some((12, 0)));
        let again = run([Action::JumpTo(12), Action::JumpTo(12)]);
        assert_eq!(
            again.jump,
            Some((12, 1)),
            "a second jump to the same card scrolls again"
        );
    }

    #[test]
    fn jumping_to_a_missing_card_changes_nothing() {
        let s = run([Action::SetQuery("beam".into()), Action::JumpTo(99)]);
        assert_eq!(s.query, "beam");
        assert!(s.open.is_empty() && s.jump.is_none());
    }

    #[test]
    fn expand_all_and_collapse_all_touch_only_the_listed_cards() {
        let s = run([
            Action::SetOpen(50, true),
            Action::SetAllOpen(vec![1, 2, 3], true),
            Action::SetAllOpen(vec![2], false),
        ]);
        assert_eq!(s.open.iter().collect::<Vec<_>>(), vec![1, 3, 50]);
    }

    #[test]
    fn study_filters_follow_the_marks() {
        let s = run([
            Action::ToggleMark(5, Mark::Starred),
            Action::SetFilter(StudyFilter::Starred),
        ]);
        assert!(s.passes_filter(5) && !s.passes_filter(6));
        let s = run([
            Action::ToggleMark(5, Mark::Known),
            Action::SetFilter(StudyFilter::NotKnown),
        ]);
        assert!(!s.passes_filter(5) && s.passes_filter(6));
    }

    #[test]
    fn the_display_order_puts_the_shown_cards_first_and_names_every_card_once() {
        let order = display_order(&[22, 5, 22, 1]);
        assert_eq!(&order[..3], &[22, 5, 1]);
        assert_eq!(order[3], 2, "the hidden rest follow by id");
        let mut sorted = order.clone();
        sorted.sort_unstable();
        let all: Vec<u8> = QUESTIONS.iter().map(|q| q.id).collect();
        assert_eq!(sorted, all);
        assert_eq!(display_order(&[]), all);
    }

    #[test]
    fn a_toggle_hides_the_card_only_when_the_filter_then_drops_it() {
        let s = run([Action::SetFilter(StudyFilter::NotKnown)]);
        assert!(s.toggle_hides(5, Mark::Known));
        assert!(!s.toggle_hides(5, Mark::Starred));
        let s = run([
            Action::ToggleMark(5, Mark::Starred),
            Action::SetFilter(StudyFilter::Starred),
        ]);
        assert!(s.toggle_hides(5, Mark::Starred) && !s.toggle_hides(5, Mark::Known));
        assert!(!run([]).toggle_hides(5, Mark::Known));
    }

    #[test]
    fn focus_goes_to_the_next_card_then_the_previous() {
        assert_eq!(neighbour(&[1, 3, 4], 3), Some(4));
        assert_eq!(neighbour(&[1, 3, 4], 4), Some(3));
        assert_eq!(neighbour(&[7], 7), None);
        assert_eq!(neighbour(&[1, 2], 9), None);
    }

    #[test]
    fn explorer_settings_from_the_url_restart_explorers_but_their_own_changes_do_not() {
        let pairs = vec![("at.h".to_string(), "3".to_string())];
        let s = run([Action::ExploreFromUrl(Some(22), pairs.clone())]);
        assert!(s.explore.for_card(22) && !s.explore.for_card(2));
        assert_eq!(s.explore.generation, 1);
        let s = run([
            Action::ExploreFromUrl(None, pairs.clone()),
            Action::ExploreChanged(2, vec![("at.q".into(), "1".into())]),
        ]);
        assert!(s.explore.for_card(2) && !s.explore.for_card(22));
        assert_eq!(
            s.explore.generation, 1,
            "an explorer's own change keeps it mounted"
        );
        let none = run([Action::ExploreFromUrl(None, pairs)]);
        assert!(none.explore.for_card(22) && none.explore.for_card(2));
        assert!(!run([Action::ExploreFromUrl(None, vec![])])
            .explore
            .for_card(2));
    }
}
