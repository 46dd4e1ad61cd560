//! What a rule read while it ran: the dependencies the incremental
//! [`Validator`](super::Validator) uses to decide whether cached findings still hold.
//!
//! The [`Context`](super::Context) records every access when tracking is on. Reads made
//! while a rule walks its subjects (`Context::subjects*`) are attributed to the subject
//! being visited; all other reads are the rule's *global* reads.

use std::cell::RefCell;
use std::collections::BTreeMap;

use crate::core::config::Scope;
use crate::core::model::{Kind, ResourceId};

/// A set of kinds, one bit per [`Kind`] variant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindSet(pub u64);

impl KindSet {
    /// Adds a kind.
    pub fn insert(&mut self, kind: Kind) {
        self.0 |= 1 << (kind as u32);
    }
    /// True when the two sets share a kind.
    pub fn intersects(self, other: KindSet) -> bool {
        self.0 & other.0 != 0
    }
}

/// Reads of one scope (global, or one subject).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Deps {
    /// Kinds enumerated (the rule depends on every resource of these kinds and their order).
    pub kinds: KindSet,
    /// The whole design was enumerated.
    pub all: bool,
    /// Resources read one by one.
    pub ids: Vec<ResourceId>,
    /// Effective configurations read one by one.
    pub configs: Vec<(ResourceId, Scope)>,
    /// Every effective configuration was read.
    pub all_configs: bool,
    /// The reference graph was read as a whole.
    pub graph: bool,
    /// Resources whose resolved references were read one by one
    /// (`Context::targets_of`).
    pub edges_of: Vec<ResourceId>,
}

impl Deps {
    fn tidy(&mut self) {
        self.ids.sort_unstable();
        self.ids.dedup();
        self.configs.sort_unstable();
        self.configs.dedup();
        self.edges_of.sort_unstable();
        self.edges_of.dedup();
    }
}

/// Everything one rule read in one run.
#[derive(Debug, Clone, Default)]
pub struct RuleReads {
    /// Reads outside the subject walk.
    pub global: Deps,
    /// The kinds whose resources the rule walked as subjects (`None`: it walked no
    /// subjects, so all its findings hang on its global reads).
    pub subject_kinds: Option<SubjectKinds>,
    /// Reads made while visiting each subject.
    pub per_subject: BTreeMap<ResourceId, Deps>,
    /// Number of subject walks started (a rule that walks twice may use one walk as a
    /// lookup, which a focused re-run would truncate: it is never re-run partially).
    pub walks: usize,
}

/// Which resources a rule walks as subjects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectKinds {
    /// Every resource.
    All,
    /// Resources of these kinds.
    Some(KindSet),
}

/// The recorder a tracking context writes to.
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    pub reads: RuleReads,
    pub current: Option<ResourceId>,
}

impl Recorder {
    /// The dependency set reads go to now.
    pub fn deps(&mut self) -> &mut Deps {
        match self.current {
            Some(id) => self.reads.per_subject.entry(id).or_default(),
            None => &mut self.reads.global,
        }
    }

    /// Notes that the rule walks `kinds` as subjects.
    pub fn subjects(&mut self, kinds: SubjectKinds) {
        self.reads.walks += 1;
        self.reads.subject_kinds = Some(match (self.reads.subject_kinds, kinds) {
            (None, k) => k,
            (Some(SubjectKinds::Some(a)), SubjectKinds::Some(b)) => {
                SubjectKinds::Some(KindSet(a.0 | b.0))
            }
            _ => SubjectKinds::All,
        });
    }

    /// Takes the reads recorded so far, tidied.
    pub fn take(&mut self) -> RuleReads {
        self.current = None;
        let mut reads = std::mem::take(&mut self.reads);
        reads.global.tidy();
        reads.per_subject.values_mut().for_each(Deps::tidy);
        reads
    }
}

/// Records into `cell` when tracking is on.
pub(crate) fn record(cell: &Option<RefCell<Recorder>>, f: impl FnOnce(&mut Deps)) {
    if let Some(cell) = cell {
        f(cell.borrow_mut().deps());
    }
}
