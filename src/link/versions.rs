//! Versions made ready for alignment ([`lineage::Version`]), kept a while on each
//! thread for the comparison pages.
//!
//! A series' comparison pages come one after another in the site's list of pages
//! and each version takes part in several of them (every pair of a series of up
//! to twelve), so each thread keeps the last [`KEPT`] versions it made: each
//! version is then made about once per series, and no more than a few dozen are
//! held at any time, whatever the size of the collection.
//!
//! **In**: a resolution and where it stands: the lineages it belongs to (a
//! generation number, new for each [`super::lineage::Lineages`], since texts may
//! have changed since) and its index in site order. **Out**: the version.

use crate::lineage;
use crate::model::Resolution;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

/// How many versions each thread keeps: more than the members of a series whose
/// pairs are all compared.
pub const KEPT: usize = 16;

static GENERATIONS: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// (generation, index, version), the most recently used last.
    static RECENT: RefCell<VecDeque<(u64, usize, Rc<lineage::Version>)>> = const { RefCell::new(VecDeque::new()) };
}

/// A generation number never given before.
pub fn generation() -> u64 {
    GENERATIONS.fetch_add(1, Ordering::Relaxed) + 1
}

/// `res`, resolution `doc` of the lineages of `generation`, made ready for alignment.
pub fn version(generation: u64, doc: usize, res: &Resolution) -> Rc<lineage::Version> {
    RECENT.with_borrow_mut(|recent| {
        let found = recent.iter().position(|&(g, d, _)| g == generation && d == doc);
        if let Some(hit) = found.and_then(|at| recent.remove(at)) {
            let version = Rc::clone(&hit.2);
            recent.push_back(hit);
            return version;
        }
        let version = Rc::new(lineage::Version::of(res));
        if recent.len() == KEPT {
            recent.pop_front();
        }
        recent.push_back((generation, doc, Rc::clone(&version)));
        version
    })
}

/// How many versions this thread holds now (for tests).
#[cfg(test)]
fn held() -> usize {
    RECENT.with_borrow(VecDeque::len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, Resolution};

    fn resolution(symbol: &str) -> Resolution {
        Resolution { meta: Meta { symbol: symbol.into(), ..Meta::default() }, ..Resolution::default() }
    }

    #[test]
    fn a_version_is_made_once_per_generation_and_the_oldest_let_go() {
        let g = generation();
        let a = resolution("A/RES/1/1");
        let first = version(g, 0, &a);
        assert!(Rc::ptr_eq(&first, &version(g, 0, &a)), "kept");
        let later = generation();
        assert!(!Rc::ptr_eq(&first, &version(later, 0, &a)), "another generation makes it again");
        for doc in 1..=KEPT {
            version(g, doc, &a);
        }
        assert_eq!(held(), KEPT);
        assert!(!Rc::ptr_eq(&first, &version(g, 0, &a)), "let go after KEPT others");
    }
}
