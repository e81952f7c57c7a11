//! The register allocator: places a signature's arguments on an ABI's argument slots.

use crate::{Abi, ArgKind, HalfOrder, Layout, MAX_ARGS, MAX_SLOTS, PairRule, Placement};

/// Why a signature does not fit an ABI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AllocError {
    /// Index of the first argument that does not fit (for [`AllocErrorKind::TooManyArguments`]:
    /// the first argument past [`MAX_ARGS`]).
    pub arg: u8,
    /// What went wrong.
    pub kind: AllocErrorKind,
    /// Argument words the signature needs on this ABI in this order, padding included.
    pub words_needed: u8,
    /// Argument words the ABI has.
    pub words_available: u8,
    /// Slots skipped as padding in this order (bit `n` = slot `n`).
    pub pads: u8,
    /// An argument order that fits, when one exists: `order[..len]` lists argument indices.
    pub reorder: Option<[u8; MAX_ARGS]>,
}

/// The class of an [`AllocError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AllocErrorKind {
    /// More than [`MAX_ARGS`] arguments: no Linux ABI passes more.
    TooManyArguments,
    /// The arguments, with their pairs and padding, need more words than the ABI has.
    OutOfWords,
}

struct Walk {
    layout: Layout,
    first_overflow: Option<u8>,
}

const fn walk(abi: &Abi, kinds: &[ArgKind], order: &[u8; MAX_ARGS]) -> Walk {
    let budget = abi.arg_slots.len();
    let mut layout = Layout {
        places: [Placement::One(0); MAX_ARGS],
        len: kinds.len() as u8,
        words_used: 0,
        pads: 0,
        lohi_joined: abi.lohi_joined,
    };
    let mut first_overflow = None;
    let mut slot = 0usize;
    let mut i = 0;
    while i < kinds.len() {
        let arg = order[i] as usize;
        let place = match (kinds[arg], abi.pair_rule) {
            (ArgKind::Wide { .. }, PairRule::Consecutive | PairRule::EvenAligned) => {
                if matches!(abi.pair_rule, PairRule::EvenAligned) && slot % 2 == 1 {
                    if slot < MAX_SLOTS {
                        layout.pads |= 1 << slot;
                    }
                    slot += 1;
                }
                let (lo, hi) = match abi.half_order {
                    HalfOrder::LowFirst => (slot, slot + 1),
                    HalfOrder::HighFirst => (slot + 1, slot),
                };
                slot += 2;
                Placement::Pair {
                    lo: lo as u8,
                    hi: hi as u8,
                }
            }
            (ArgKind::LoHi, _) => {
                slot += 2;
                Placement::LoHi {
                    lo: (slot - 2) as u8,
                    hi: (slot - 1) as u8,
                }
            }
            _ => {
                slot += 1;
                Placement::One((slot - 1) as u8)
            }
        };
        if slot > budget && first_overflow.is_none() {
            first_overflow = Some(arg as u8);
        }
        layout.places[arg] = place;
        i += 1;
    }
    layout.words_used = slot as u8;
    Walk {
        layout,
        first_overflow,
    }
}

const IDENTITY: [u8; MAX_ARGS] = [0, 1, 2, 3, 4, 5];

/// Places `kinds` (the arguments' kinds, in declaration order) on `abi`.
///
/// Returns the [`Layout`], or an [`AllocError`] naming the first argument that does not fit, the
/// words needed and available, and (when one exists) an argument order that fits. The first
/// order tried after the declared one is the lexicographically next permutation, so the
/// suggestion keeps as long a prefix of the declared order as possible.
pub const fn allocate(abi: &Abi, kinds: &[ArgKind]) -> Result<Layout, AllocError> {
    allocate_walk(abi, kinds, &IDENTITY)
}

/// Places `kinds` in the register order `order` (a permutation of `0..kinds.len()`), as Linux
/// does for `sync_file_range2` and `arm_fadvise64_64`: argument `order[0]` takes the first slots.
/// The returned layout is still indexed by declaration order.
///
/// # Panics
/// If `order` is not a permutation of `0..kinds.len()` (at compile time in a const context).
pub const fn allocate_in_order(
    abi: &Abi,
    kinds: &[ArgKind],
    order: &[u8],
) -> Result<Layout, AllocError> {
    if kinds.len() > MAX_ARGS {
        return allocate(abi, kinds);
    }
    assert!(
        is_permutation(order, kinds.len()),
        "a register order must name every argument exactly once"
    );
    let mut full = IDENTITY;
    let mut i = 0;
    while i < order.len() {
        full[i] = order[i];
        i += 1;
    }
    allocate_walk(abi, kinds, &full)
}

/// The allocation of `kinds` in register order `order`, or the error with an order that fits.
const fn allocate_walk(
    abi: &Abi,
    kinds: &[ArgKind],
    order: &[u8; MAX_ARGS],
) -> Result<Layout, AllocError> {
    let available = abi.arg_slots.len() as u8;
    if kinds.len() > MAX_ARGS {
        return Err(AllocError {
            arg: MAX_ARGS as u8,
            kind: AllocErrorKind::TooManyArguments,
            words_needed: 0,
            words_available: available,
            pads: 0,
            reorder: None,
        });
    }
    let w = walk(abi, kinds, order);
    match w.first_overflow {
        None => Ok(w.layout),
        Some(arg) => Err(AllocError {
            arg,
            kind: AllocErrorKind::OutOfWords,
            words_needed: w.layout.words_used,
            words_available: available,
            pads: w.layout.pads,
            reorder: find_order(abi, kinds),
        }),
    }
}

/// Whether `order[..n]` is a permutation of `0..n`.
pub const fn is_permutation(order: &[u8], n: usize) -> bool {
    if order.len() != n || n > MAX_ARGS {
        return false;
    }
    let mut seen = [false; MAX_ARGS];
    let mut i = 0;
    while i < n {
        let v = order[i] as usize;
        if v >= n || seen[v] {
            return false;
        }
        seen[v] = true;
        i += 1;
    }
    true
}

const fn find_order(abi: &Abi, kinds: &[ArgKind]) -> Option<[u8; MAX_ARGS]> {
    let n = kinds.len();
    // No order helps when the words alone, without any padding, exceed the budget.
    let mut plain = 0;
    let mut i = 0;
    while i < n {
        plain += kinds[i].words(abi);
        i += 1;
    }
    if plain > abi.arg_slots.len() {
        return None;
    }
    let mut order = IDENTITY;
    while next_permutation(&mut order, n) {
        if walk(abi, kinds, &order).first_overflow.is_none() {
            return Some(order);
        }
    }
    None
}

/// Advances `order[..n]` to its next lexicographic permutation; false after the last one.
const fn next_permutation(order: &mut [u8; MAX_ARGS], n: usize) -> bool {
    if n < 2 {
        return false;
    }
    let mut i = n - 1;
    while i > 0 && order[i - 1] >= order[i] {
        i -= 1;
    }
    if i == 0 {
        return false;
    }
    let mut j = n - 1;
    while order[j] <= order[i - 1] {
        j -= 1;
    }
    let t = order[i - 1];
    order[i - 1] = order[j];
    order[j] = t;
    let mut a = i;
    let mut b = n - 1;
    while a < b {
        let t = order[a];
        order[a] = order[b];
        order[b] = t;
        a += 1;
        b -= 1;
    }
    true
}
