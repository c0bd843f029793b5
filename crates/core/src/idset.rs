//! A set of card ids (`u8`): 256 bits. It replaces `BTreeSet<u8>` for open cards and study marks,
//! whose tree code each instantiation adds to the wasm, for sets that hold at most 50 small numbers.

use std::fmt;

/// A set of `u8`, iterated in increasing order.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct IdSet([u64; 4]);

impl IdSet {
    pub const fn new() -> Self {
        Self([0; 4])
    }

    fn at(id: u8) -> (usize, u64) {
        (usize::from(id >> 6), 1 << (id & 63))
    }

    /// Adds `id`; true if it was not there.
    pub fn insert(&mut self, id: u8) -> bool {
        let (word, bit) = Self::at(id);
        let new = self.0[word] & bit == 0;
        self.0[word] |= bit;
        new
    }

    /// Takes `id` out; true if it was there.
    pub fn remove(&mut self, id: &u8) -> bool {
        let (word, bit) = Self::at(*id);
        let was = self.0[word] & bit != 0;
        self.0[word] &= !bit;
        was
    }

    pub fn contains(&self, id: &u8) -> bool {
        let (word, bit) = Self::at(*id);
        self.0[word] & bit != 0
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0 == [0; 4]
    }

    pub fn clear(&mut self) {
        self.0 = [0; 4];
    }

    /// The ids, smallest first.
    pub fn iter(&self) -> impl Iterator<Item = u8> + '_ {
        (0..=u8::MAX).filter(|id| self.contains(id))
    }
}

impl FromIterator<u8> for IdSet {
    fn from_iter<I: IntoIterator<Item = u8>>(ids: I) -> Self {
        let mut set = Self::new();
        set.extend(ids);
        set
    }
}

impl Extend<u8> for IdSet {
    fn extend<I: IntoIterator<Item = u8>>(&mut self, ids: I) {
        for id in ids {
            self.insert(id);
        }
    }
}

impl fmt::Debug for IdSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Any sequence of inserts and removes leaves the set a `BTreeSet` would hold.
        #[test]
        fn behaves_as_a_btree_set(ops in proptest::collection::vec((any::<bool>(), any::<u8>()), 0..200)) {
            let (mut ours, mut model) = (IdSet::new(), BTreeSet::new());
            for (insert, id) in ops {
                if insert {
                    prop_assert_eq!(ours.insert(id), model.insert(id));
                } else {
                    prop_assert_eq!(ours.remove(&id), model.remove(&id));
                }
                prop_assert_eq!(ours.len(), model.len());
                prop_assert_eq!(ours.is_empty(), model.is_empty());
                prop_assert!(ours.contains(&id) == model.contains(&id));
            }
            prop_assert_eq!(ours.iter().collect::<Vec<_>>(), model.iter().copied().collect::<Vec<_>>());
        }
    }

    #[test]
    fn the_edges_of_the_range_are_ids_like_any_other() {
        let set: IdSet = [0, 63, 64, 255].into_iter().collect();
        assert_eq!(set.iter().collect::<Vec<_>>(), vec![0, 63, 64, 255]);
        assert_eq!(format!("{set:?}"), "{0, 63, 64, 255}");
        let mut set = set;
        set.clear();
        assert!(set.is_empty());
    }
}
