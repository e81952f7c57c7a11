//! Argument kinds, where each argument lives ([`Placement`], [`Layout`]), and how its words
//! become a value ([`decode_value`]).

use crate::{Abi, MAX_ARGS, MAX_SLOTS, PairRule};

/// What an argument type is, as far as register allocation and decoding care.
///
/// This is Linux's `__SC_CAST` / `__SC_COMPAT_CAST` distinction made explicit: the allocator
/// needs to know whether a type takes one word or two, and the decoder how a word becomes a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArgKind {
    /// A C integer narrower than `long` (`int`, `unsigned int`, `umode_t`, …): one word on every
    /// ABI, truncated to `bits`, then sign- or zero-extended.
    Int {
        /// Width of the type in bits: 8, 16 or 32.
        bits: u8,
        /// Whether the value is sign-extended from `bits`.
        signed: bool,
    },
    /// C `long` / `unsigned long` (Rust `isize` / `usize`): one word of the ABI's
    /// [`word_bits`](Abi::word_bits). A 32-bit ABI decoded on a 64-bit host sign-extends
    /// (`long`) or zero-extends (`unsigned long`) it.
    Long {
        /// `long` (true) or `unsigned long` (false).
        signed: bool,
    },
    /// An explicitly 64-bit integer (`loff_t`, `u64`): one register on an ABI with 64-bit
    /// registers, a register pair elsewhere, placed by the ABI's [`PairRule`] and
    /// [`HalfOrder`](crate::HalfOrder).
    Wide {
        /// `loff_t`/`s64` (true) or `u64` (false).
        signed: bool,
    },
    /// A user-space address: one word, zero-extended (and masked to 31 bits on s390 compat).
    Pointer,
    /// A 64-bit value that user space passes as two `unsigned long` words, the low word first,
    /// in consecutive slots on every ABI, never aligned, whatever the ABI's endianness: Linux's
    /// `preadv(fd, vec, vlen, pos_l, pos_h)` family. Where user space's `long` is 64 bits the low
    /// word is the whole value and the high word is ignored (`pos_from_hilo`).
    LoHi,
}

impl ArgKind {
    /// How many argument words this kind takes on `abi`, not counting padding.
    #[inline(always)]
    pub const fn words(self, abi: &Abi) -> usize {
        match (self, abi.pair_rule) {
            (ArgKind::Wide { .. }, PairRule::Consecutive | PairRule::EvenAligned) => 2,
            (ArgKind::LoHi, _) => 2,
            _ => 1,
        }
    }
}

/// Where one argument comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Placement {
    /// One slot, by index into [`Abi::arg_slots`].
    One(u8),
    /// Two slots holding the low and high 32 bits of a 64-bit value.
    Pair {
        /// Slot of the low half.
        lo: u8,
        /// Slot of the high half.
        hi: u8,
    },
    /// Two consecutive slots holding the low and the high word of an [`ArgKind::LoHi`] value.
    LoHi {
        /// Slot of the low word.
        lo: u8,
        /// Slot of the high word.
        hi: u8,
    },
}

impl Placement {
    /// The raw value at this placement on `abi`, reading slot `n` with `word(n)`: one word as
    /// is, a pair joined from its 32-bit halves, a lo/hi split joined where user space's `long`
    /// is 32 bits ([`Abi::lohi_joined`]) and its low word elsewhere.
    #[inline(always)]
    pub fn read(self, abi: &Abi, word: impl FnMut(usize) -> u64) -> u64 {
        self.read_words(abi.lohi_joined, word)
    }

    #[inline(always)]
    fn read_words(self, lohi_joined: bool, mut word: impl FnMut(usize) -> u64) -> u64 {
        match self {
            Placement::One(slot) => word(slot as usize),
            Placement::Pair { lo, hi } => join_pair(word(lo as usize), word(hi as usize)),
            Placement::LoHi { lo, .. } if !lohi_joined => word(lo as usize),
            Placement::LoHi { lo, hi } => join_pair(word(lo as usize), word(hi as usize)),
        }
    }

    /// Whether this placement reads `slot`.
    pub const fn reads(self, slot: usize) -> bool {
        match self {
            Placement::One(s) => s as usize == slot,
            Placement::Pair { lo, hi } | Placement::LoHi { lo, hi } => {
                lo as usize == slot || hi as usize == slot
            }
        }
    }
}

/// The result of [`allocate`](crate::allocate): where each argument of a signature lives on one
/// ABI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Layout {
    pub(crate) places: [Placement; MAX_ARGS],
    pub(crate) len: u8,
    pub(crate) words_used: u8,
    pub(crate) pads: u8,
    pub(crate) lohi_joined: bool,
}

impl Layout {
    /// The layout of no arguments (what a descriptor holds for an ABI whose allocation failed,
    /// which is a compile error anyway).
    pub const EMPTY: Layout = Layout {
        places: [Placement::One(0); MAX_ARGS],
        len: 0,
        words_used: 0,
        pads: 0,
        lohi_joined: false,
    };

    /// Number of arguments.
    #[inline(always)]
    pub const fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether the signature has no arguments.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Placement of argument `index`.
    ///
    /// # Panics
    /// If `index >= self.len()`.
    #[inline(always)]
    pub const fn arg(&self, index: usize) -> Placement {
        assert!(index < self.len as usize, "argument index out of range");
        self.places[index]
    }

    /// All placements, in argument order.
    #[inline(always)]
    pub fn args(&self) -> &[Placement] {
        &self.places[..self.len as usize]
    }

    /// Slots consumed, padding included.
    pub const fn words_used(&self) -> usize {
        self.words_used as usize
    }

    /// Whether `slot` was skipped as padding to align a register pair.
    #[inline(always)]
    pub const fn is_pad(&self, slot: usize) -> bool {
        slot < MAX_SLOTS && self.pads & (1 << slot) != 0
    }

    /// The slots skipped as padding, as a bit set (bit `n` = slot `n`).
    pub const fn pad_mask(&self) -> u8 {
        self.pads
    }

    /// Whether `slot` carries (part of) an argument.
    pub const fn uses(&self, slot: usize) -> bool {
        let mut i = 0;
        while i < self.len as usize {
            if self.places[i].reads(slot) {
                return true;
            }
            i += 1;
        }
        false
    }

    /// The raw value of argument `index` from the ABI's argument words (register values, in
    /// slot order): one word as is, a pair joined from its low and high halves.
    #[inline(always)]
    pub fn raw(&self, index: usize, words: &[u64]) -> u64 {
        self.arg(index)
            .read_words(self.lohi_joined, |slot| words[slot])
    }

    /// Packs argument values into the argument words a caller would pass: the inverse of
    /// [`raw`](Layout::raw). A one-word value is truncated to the ABI's word, then extended the
    /// way user space leaves it in a 64-bit register ([`Abi::narrow_values`]) where the type says
    /// so: `kinds[i]` is argument `i`'s kind. Padding and unused slots are zero.
    pub const fn pack(&self, abi: &Abi, kinds: &[ArgKind], values: &[u64]) -> [u64; MAX_SLOTS] {
        let mut words = [0u64; MAX_SLOTS];
        let mut i = 0;
        while i < self.len as usize {
            match self.places[i] {
                Placement::One(slot) => {
                    words[slot as usize] = in_register(abi, kinds[i], values[i]);
                }
                Placement::Pair { lo, hi } => {
                    words[lo as usize] = values[i] & 0xffff_ffff;
                    words[hi as usize] = values[i] >> 32;
                }
                Placement::LoHi { lo, hi } if !abi.lohi_joined => {
                    words[lo as usize] = values[i];
                    words[hi as usize] = 0;
                }
                Placement::LoHi { lo, hi } => {
                    words[lo as usize] = values[i] & 0xffff_ffff;
                    words[hi as usize] = values[i] >> 32;
                }
            }
            i += 1;
        }
        words
    }
}

/// A one-word value as user space of `abi` leaves it in its register.
const fn in_register(abi: &Abi, kind: ArgKind, value: u64) -> u64 {
    let (bits, signed) = match kind {
        ArgKind::Int { bits, signed } => (bits as u32, signed),
        ArgKind::Long { signed } => (abi.word_bits, signed),
        ArgKind::Pointer => (abi.word_bits, false),
        ArgKind::Wide { .. } | ArgKind::LoHi => (64, false),
    };
    let value = truncate(value, bits);
    let value = match abi.narrow_values {
        // C promotes to `int` by the type, then the register holds it sign-extended from bit 31.
        crate::NarrowValues::SignExtended if bits < 64 => {
            extend(extend(value, bits, signed), 32, true)
        }
        crate::NarrowValues::SignExtended => value,
        crate::NarrowValues::ByType => extend(value, bits, signed),
        crate::NarrowValues::Unspecified => value,
    };
    truncate(value, abi.register_bits)
}

/// Joins the two 32-bit halves of a split 64-bit argument. Bits above 32 in either register
/// (a 32-bit ABI's words read from a 64-bit register file) are ignored.
#[inline(always)]
pub const fn join_pair(lo: u64, hi: u64) -> u64 {
    (lo & 0xffff_ffff) | (hi << 32)
}

#[inline(always)]
pub(crate) const fn truncate(value: u64, bits: u32) -> u64 {
    if bits >= 64 {
        value
    } else {
        value & ((1u64 << bits) - 1)
    }
}

#[inline(always)]
const fn extend(value: u64, bits: u32, signed: bool) -> u64 {
    if bits >= 64 {
        value
    } else if signed {
        let shift = 64 - bits;
        (((value << shift) as i64) >> shift) as u64
    } else {
        truncate(value, bits)
    }
}

/// Converts an argument's raw value (one register, or a joined pair) into its value as a
/// 64-bit integer, with `abi`'s rules:
///
/// | kind | rule |
/// |---|---|
/// | [`ArgKind::Int`] | truncate to its width, then sign- or zero-extend |
/// | [`ArgKind::Long`] | truncate to the ABI's [`word_bits`](Abi::word_bits), then sign- (`long`) or zero-extend (`unsigned long`) |
/// | [`ArgKind::Pointer`] | zero-extend from `word_bits`, then apply [`pointer_mask`](Abi::pointer_mask) |
/// | [`ArgKind::Wide`], [`ArgKind::LoHi`] | the whole 64-bit value (already joined) |
///
/// Garbage in the upper half of a 32-bit ABI's register therefore never reaches a value.
#[inline(always)]
pub const fn decode_value(kind: ArgKind, raw: u64, abi: &Abi) -> u64 {
    match kind {
        ArgKind::Int { bits, signed } => extend(raw, bits as u32, signed),
        ArgKind::Long { signed } => extend(raw, abi.word_bits, signed),
        ArgKind::Pointer => truncate(raw, abi.word_bits) & abi.pointer_mask,
        ArgKind::Wide { .. } | ArgKind::LoHi => raw,
    }
}
