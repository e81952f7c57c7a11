//! The Linux system-call ABI model behind `#[syscall_define]`.
//!
//! One source of truth, used by three callers: the proc macro (to place registers and report
//! misuse on the right token), the `const` checks in generated code (so type aliases and newtypes
//! are placed by what they are, not by how they are spelled), and run-time users such as tracers
//! ("where is argument 3 on arm?").
//!
//! An [`Abi`] is data: its argument slots in order (the register-file field each is read from),
//! word size, endianness, and the rule for 64-bit arguments on 32-bit ABIs. [`allocate`] turns a
//! list of [`ArgKind`]s into a [`Layout`]: for each argument, the slot or slot pair it comes from.
//!
//! ```
//! use syscall_define_abi::{allocate, ArgKind, Placement, ARM, IA32, X86_64};
//!
//! // pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos)
//! let kinds = [
//!     ArgKind::Int { bits: 32, signed: false },
//!     ArgKind::Pointer,
//!     ArgKind::Long { signed: false },
//!     ArgKind::Wide { signed: true },
//! ];
//! // x86-64: one register each; pos is r10.
//! let x64 = allocate(&X86_64, &kinds).unwrap();
//! assert_eq!(X86_64.slot_name(x64.arg(3)), ("r10", None));
//! // ia32: pos is split over two consecutive registers, low half first.
//! let ia32 = allocate(&IA32, &kinds).unwrap();
//! assert_eq!(ia32.arg(3), Placement::Pair { lo: 3, hi: 4 });
//! assert_eq!(IA32.slot_name(ia32.arg(3)), ("si", Some("di")));
//! // arm EABI: the pair must start at an even register, so r3 is skipped.
//! let arm = allocate(&ARM, &kinds).unwrap();
//! assert_eq!(arm.arg(3), Placement::Pair { lo: 4, hi: 5 });
//! assert!(arm.is_pad(3));
//! ```
#![no_std]

/// Linux caps a system call at six arguments (`SYSCALL_DEFINE_MAXARGS`).
pub const MAX_ARGS: usize = 6;
/// The most argument words any modelled ABI has (mips o32: four registers and four stack words).
pub const MAX_SLOTS: usize = 8;

/// Byte order of the ABI; it decides which half of a split 64-bit value comes first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Endian {
    /// Least significant byte first.
    Little,
    /// Most significant byte first.
    Big,
}

/// How a 64-bit argument ([`ArgKind::Wide`]) is passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PairRule {
    /// 64-bit ABI: the value fits one register.
    OneRegister,
    /// Two consecutive slots, starting anywhere (i386, riscv32, s390 31-bit, sparc).
    Consecutive,
    /// Two consecutive slots starting at an even slot index; an odd slot is skipped as padding
    /// (arm EABI, mips o32, ppc32).
    EvenAligned,
}

/// Which half of a split 64-bit value sits in the lower-numbered slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HalfOrder {
    /// Low word first (little-endian ABIs).
    LowFirst,
    /// High word first (big-endian ABIs).
    HighFirst,
}

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
    /// C `long` / `unsigned long` (Rust `isize` / `usize`): one word of the ABI's width. A 32-bit
    /// ABI decoded on a 64-bit host sign-extends (`long`) or zero-extends (`unsigned long`) it.
    Long {
        /// `long` (true) or `unsigned long` (false).
        signed: bool,
    },
    /// An explicitly 64-bit integer (`loff_t`, `u64`): one register on a 64-bit ABI, a register
    /// pair on a 32-bit ABI, placed by the ABI's [`PairRule`] and [`HalfOrder`].
    Wide {
        /// `loff_t`/`s64` (true) or `u64` (false).
        signed: bool,
    },
    /// A user-space address: one word, zero-extended.
    Pointer,
    /// A 64-bit value that user space passes as two `unsigned long` words, the low word first,
    /// in consecutive slots on every ABI, never aligned, whatever the ABI's endianness: Linux's
    /// `preadv(fd, vec, vlen, pos_l, pos_h)` family. On a 64-bit ABI the low word is the whole
    /// value and the high word is ignored (`pos_from_hilo`).
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

/// Identifies a modelled ABI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AbiId {
    /// x86-64 native.
    X86_64,
    /// i386: a 32-bit x86 kernel, or a 32-bit process on an x86-64 kernel (IA32 emulation).
    Ia32,
    /// AArch64 native.
    Aarch64,
    /// 32-bit ARM EABI, little-endian: a 32-bit ARM kernel, or AArch32 on an arm64 kernel.
    Arm,
    /// RISC-V 64-bit native.
    Riscv64,
    /// MIPS o32, big-endian (modelled for allocation and decoding; no stubs yet).
    MipsO32,
    /// 32-bit PowerPC, big-endian (modelled for allocation and decoding; no stubs yet).
    Ppc32,
}

/// One system-call ABI, as data.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Abi {
    /// Which ABI this is.
    pub id: AbiId,
    /// Its name in attributes and messages (`x86_64`, `ia32`, `aarch64`, `arm`, `riscv64`, …).
    pub name: &'static str,
    /// Prefix of its entry stubs, as Linux names them (`__x64_sys_`, `__ia32_sys_`, …).
    pub stub_prefix: &'static str,
    /// Width of one argument word: 32 or 64.
    pub word_bits: u32,
    /// Byte order.
    pub endian: Endian,
    /// The argument slots in order, named by the field of the ABI's own register file that each
    /// is read from (`di`, `regs[0]`, `orig_a0`; mips o32's last four are user stack words).
    /// Their number is the ABI's argument-word budget.
    pub arg_slots: &'static [&'static str],
    /// How 64-bit arguments are passed.
    pub pair_rule: PairRule,
    /// Which half of a pair comes first.
    pub half_order: HalfOrder,
    /// The register that holds the system-call number.
    pub nr_register: &'static str,
    /// The register the return value is written to.
    pub return_register: &'static str,
    /// The `target_arch` values on which this ABI's stubs are emitted by default: the ABIs a
    /// kernel built for that target serves (an x86-64 kernel also serves ia32 processes).
    pub default_on: &'static [&'static str],
}

/// x86-64: `rdi rsi rdx r10 r8 r9` (syscall_wrapper.h `SC_X86_64_REGS_TO_ARGS`; r10, not rcx,
/// because `syscall` clobbers rcx and r11).
pub const X86_64: Abi = Abi {
    id: AbiId::X86_64,
    name: "x86_64",
    stub_prefix: "__x64_sys_",
    word_bits: 64,
    endian: Endian::Little,
    arg_slots: &["di", "si", "dx", "r10", "r8", "r9"],
    pair_rule: PairRule::OneRegister,
    half_order: HalfOrder::LowFirst,
    nr_register: "orig_ax",
    return_register: "ax",
    default_on: &["x86_64"],
};

/// i386 / ia32: `ebx ecx edx esi edi ebp`; a 64-bit value takes two consecutive registers, low
/// half first, with no alignment (arch/x86/kernel/sys_ia32.c `poslo, poshi`).
pub const IA32: Abi = Abi {
    id: AbiId::Ia32,
    name: "ia32",
    stub_prefix: "__ia32_sys_",
    word_bits: 32,
    endian: Endian::Little,
    arg_slots: &["bx", "cx", "dx", "si", "di", "bp"],
    pair_rule: PairRule::Consecutive,
    half_order: HalfOrder::LowFirst,
    nr_register: "orig_ax",
    return_register: "ax",
    default_on: &["x86_64", "x86"],
};

/// AArch64: `x0..x5` (`SC_ARM64_REGS_TO_ARGS`), number in x8.
pub const AARCH64: Abi = Abi {
    id: AbiId::Aarch64,
    name: "aarch64",
    stub_prefix: "__arm64_sys_",
    word_bits: 64,
    endian: Endian::Little,
    arg_slots: &[
        "regs[0]", "regs[1]", "regs[2]", "regs[3]", "regs[4]", "regs[5]",
    ],
    pair_rule: PairRule::OneRegister,
    half_order: HalfOrder::LowFirst,
    nr_register: "regs[8]",
    return_register: "regs[0]",
    default_on: &["aarch64"],
};

/// 32-bit ARM EABI, little-endian: `r0..r5`, number in r7; a 64-bit value takes an even/odd
/// register pair (AAPCS), low half in the even register, skipping a register to get there.
pub const ARM: Abi = Abi {
    id: AbiId::Arm,
    name: "arm",
    stub_prefix: "__arm_sys_",
    word_bits: 32,
    endian: Endian::Little,
    arg_slots: &["r0", "r1", "r2", "r3", "r4", "r5"],
    pair_rule: PairRule::EvenAligned,
    half_order: HalfOrder::LowFirst,
    nr_register: "r7",
    return_register: "r0",
    default_on: &["aarch64", "arm"],
};

/// RISC-V 64: `orig_a0, a1..a5` (the entry code moves a0 to orig_a0 and presets a0 = -ENOSYS).
pub const RISCV64: Abi = Abi {
    id: AbiId::Riscv64,
    name: "riscv64",
    stub_prefix: "__riscv_sys_",
    word_bits: 64,
    endian: Endian::Little,
    arg_slots: &["orig_a0", "a1", "a2", "a3", "a4", "a5"],
    pair_rule: PairRule::OneRegister,
    half_order: HalfOrder::LowFirst,
    nr_register: "a7",
    return_register: "a0",
    default_on: &["riscv64"],
};

/// MIPS o32, big-endian: `a0..a3` then the user stack words at `sp+16..sp+28`; pairs even-aligned,
/// high half first.
pub const MIPS_O32: Abi = Abi {
    id: AbiId::MipsO32,
    name: "mips_o32",
    stub_prefix: "__mips_o32_sys_",
    word_bits: 32,
    endian: Endian::Big,
    arg_slots: &["a0", "a1", "a2", "a3", "sp+16", "sp+20", "sp+24", "sp+28"],
    pair_rule: PairRule::EvenAligned,
    half_order: HalfOrder::HighFirst,
    nr_register: "v0",
    return_register: "v0",
    default_on: &[],
};

/// 32-bit PowerPC, big-endian: `r3..r8`; pairs start at r3/r5/r7 (an even slot), high half first.
pub const PPC32: Abi = Abi {
    id: AbiId::Ppc32,
    name: "ppc32",
    stub_prefix: "__ppc32_sys_",
    word_bits: 32,
    endian: Endian::Big,
    arg_slots: &["r3", "r4", "r5", "r6", "r7", "r8"],
    pair_rule: PairRule::EvenAligned,
    half_order: HalfOrder::HighFirst,
    nr_register: "r0",
    return_register: "r3",
    default_on: &[],
};

/// Every modelled ABI.
pub const ALL: &[&Abi] = &[&X86_64, &IA32, &AARCH64, &ARM, &RISCV64, &MIPS_O32, &PPC32];

/// The ABIs `#[syscall_define]` emits entry stubs for (those with a register file in the facade).
pub const WITH_STUBS: &[&Abi] = &[&X86_64, &IA32, &AARCH64, &ARM, &RISCV64];

impl Abi {
    /// Looks an ABI up by its [`name`](Abi::name).
    pub fn by_name(name: &str) -> Option<&'static Abi> {
        ALL.iter().copied().find(|abi| abi.name == name)
    }

    /// The argument-word budget: how many slots the ABI has.
    #[inline(always)]
    pub const fn max_words(&self) -> usize {
        self.arg_slots.len()
    }

    /// The register-file field(s) an argument placed at `place` is read from:
    /// `(slot, None)` for one word, `(low half, Some(high half))` for a pair.
    pub fn slot_name(&self, place: Placement) -> (&'static str, Option<&'static str>) {
        match place {
            Placement::One(slot) => (self.arg_slots[slot as usize], None),
            Placement::Pair { lo, hi } | Placement::LoHi { lo, hi } => (
                self.arg_slots[lo as usize],
                Some(self.arg_slots[hi as usize]),
            ),
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
    /// Two consecutive slots holding the low and the high word of an [`ArgKind::LoHi`] value: on
    /// a 64-bit ABI the low word is the whole value.
    LoHi {
        /// Slot of the low word.
        lo: u8,
        /// Slot of the high word.
        hi: u8,
    },
}

impl Placement {
    /// The raw value at this placement, reading slot `n` with `word(n)`: one word as is, a pair
    /// joined from its 32-bit halves, a lo/hi split joined on a 32-bit ABI and its low word on a
    /// 64-bit one.
    #[inline(always)]
    pub fn read(self, word_bits: u32, mut word: impl FnMut(usize) -> u64) -> u64 {
        match self {
            Placement::One(slot) => word(slot as usize),
            Placement::Pair { lo, hi } => join_pair(word(lo as usize), word(hi as usize)),
            Placement::LoHi { lo, .. } if word_bits >= 64 => word(lo as usize),
            Placement::LoHi { lo, hi } => join_pair(word(lo as usize), word(hi as usize)),
        }
    }
}

/// The result of [`allocate`]: where each argument of a signature lives on one ABI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Layout {
    places: [Placement; MAX_ARGS],
    len: u8,
    words_used: u8,
    pads: u8,
    word_bits: u8,
}

impl Layout {
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
            match self.places[i] {
                Placement::One(s) if s as usize == slot => return true,
                Placement::Pair { lo, hi } | Placement::LoHi { lo, hi }
                    if lo as usize == slot || hi as usize == slot =>
                {
                    return true;
                }
                _ => {}
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
            .read(u32::from(self.word_bits), |slot| words[slot])
    }

    /// Packs argument values into the argument words a caller would pass: the inverse of
    /// [`raw`](Layout::raw). A one-word value is truncated to the ABI's word; a pair is split.
    /// Padding and unused slots are zero.
    pub const fn pack(&self, abi: &Abi, values: &[u64]) -> [u64; MAX_SLOTS] {
        let mut words = [0u64; MAX_SLOTS];
        let mut i = 0;
        while i < self.len as usize {
            match self.places[i] {
                Placement::One(slot) => words[slot as usize] = truncate(values[i], abi.word_bits),
                Placement::Pair { lo, hi } => {
                    words[lo as usize] = values[i] & 0xffff_ffff;
                    words[hi as usize] = values[i] >> 32;
                }
                Placement::LoHi { lo, hi } if abi.word_bits >= 64 => {
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

/// Joins the two 32-bit halves of a split 64-bit argument. Bits above 32 in either register
/// (a 32-bit ABI's words read from a 64-bit register file) are ignored.
#[inline(always)]
pub const fn join_pair(lo: u64, hi: u64) -> u64 {
    (lo & 0xffff_ffff) | (hi << 32)
}

#[inline(always)]
const fn truncate(value: u64, bits: u32) -> u64 {
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
/// 64-bit integer, with the ABI's extension rules:
///
/// | kind | rule |
/// |---|---|
/// | [`ArgKind::Int`] | truncate to its width, then sign- or zero-extend |
/// | [`ArgKind::Long`] | a 32-bit ABI's `long` is sign-extended, `unsigned long` zero-extended; a 64-bit ABI's is the whole register |
/// | [`ArgKind::Pointer`] | zero-extend from the ABI's word |
/// | [`ArgKind::Wide`], [`ArgKind::LoHi`] | the whole 64-bit value (already joined) |
///
/// Garbage in the upper half of a 32-bit ABI's register therefore never reaches a value.
#[inline(always)]
pub const fn decode_value(kind: ArgKind, raw: u64, word_bits: u32) -> u64 {
    match kind {
        ArgKind::Int { bits, signed } => extend(raw, bits as u32, signed),
        ArgKind::Long { signed } => extend(raw, word_bits, signed),
        ArgKind::Pointer => truncate(raw, word_bits),
        ArgKind::Wide { .. } | ArgKind::LoHi => raw,
    }
}

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
        word_bits: abi.word_bits as u8,
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

#[cfg(test)]
mod tests {
    use super::*;

    const INT: ArgKind = ArgKind::Int {
        bits: 32,
        signed: true,
    };
    const WIDE: ArgKind = ArgKind::Wide { signed: true };

    #[test]
    fn sync_file_range_on_arm_needs_seven_words_and_suggests_sync_file_range2_order() {
        // sync_file_range(int fd, loff_t offset, loff_t nbytes, unsigned int flags)
        let err = allocate(&ARM, &[INT, WIDE, WIDE, INT]).unwrap_err();
        assert_eq!(err.kind, AllocErrorKind::OutOfWords);
        assert_eq!(err.arg, 3, "flags is the argument that falls off");
        assert_eq!((err.words_needed, err.words_available), (7, 6));
        assert_eq!(err.pads, 0b10, "r1 is skipped to align offset");
        assert_eq!(&err.reorder.unwrap()[..4], &[0, 3, 1, 2]);
    }

    #[test]
    fn ia32_has_no_alignment_and_arm_skips_an_odd_register() {
        let kinds = [INT, INT, WIDE, WIDE]; // fallocate
        let ia32 = allocate(&IA32, &kinds).unwrap();
        assert_eq!(ia32.arg(2), Placement::Pair { lo: 2, hi: 3 });
        assert_eq!(ia32.arg(3), Placement::Pair { lo: 4, hi: 5 });
        let arm = allocate(&ARM, &[INT, WIDE]).unwrap(); // ftruncate64
        assert_eq!(arm.arg(1), Placement::Pair { lo: 2, hi: 3 });
        assert_eq!(arm.pad_mask(), 0b10);
        assert!(!arm.uses(1));
    }

    #[test]
    fn big_endian_abis_put_the_high_half_first() {
        let l = allocate(&MIPS_O32, &[INT, WIDE, WIDE, INT]).unwrap();
        assert_eq!(l.arg(1), Placement::Pair { lo: 3, hi: 2 });
        assert_eq!(l.arg(2), Placement::Pair { lo: 5, hi: 4 });
        assert_eq!(l.arg(3), Placement::One(6));
        assert_eq!(MIPS_O32.slot_name(l.arg(3)), ("sp+24", None));
    }

    #[test]
    fn seven_arguments_are_too_many_everywhere() {
        for abi in ALL {
            let err = allocate(abi, &[INT; 7]).unwrap_err();
            assert_eq!(err.kind, AllocErrorKind::TooManyArguments);
            assert_eq!(err.arg, 6);
        }
    }

    #[test]
    fn no_order_helps_when_the_words_alone_are_too_many() {
        // five words plus a 64-bit value on ia32: 7 words whatever the order.
        let err = allocate(&IA32, &[INT, INT, INT, INT, INT, WIDE]).unwrap_err();
        assert_eq!((err.words_needed, err.reorder), (7, None));
    }

    #[test]
    fn decode_value_extends_by_kind() {
        let garbage = 0xdead_beef_0000_0000;
        let long = ArgKind::Long { signed: true };
        assert_eq!(
            decode_value(long, garbage | 0xffff_fffe, 32),
            (-2i64) as u64
        );
        assert_eq!(decode_value(long, 0xffff_fffe, 64), 0xffff_fffe);
        let ulong = ArgKind::Long { signed: false };
        assert_eq!(decode_value(ulong, garbage | 0xffff_fffe, 32), 0xffff_fffe);
        let int = ArgKind::Int {
            bits: 16,
            signed: true,
        };
        assert_eq!(decode_value(int, 0x1234_8000, 64), (-32768i64) as u64);
        assert_eq!(decode_value(ArgKind::Pointer, garbage | 0x1000, 32), 0x1000);
    }

    #[test]
    fn lo_hi_is_two_unaligned_words_low_first_everywhere() {
        // preadv(unsigned long fd, const struct iovec *vec, unsigned long vlen, pos_l, pos_h)
        let kinds = [
            ArgKind::Long { signed: false },
            ArgKind::Pointer,
            ArgKind::Long { signed: false },
            ArgKind::LoHi,
        ];
        for abi in ALL {
            let l = allocate(abi, &kinds).unwrap();
            assert_eq!(l.arg(3), Placement::LoHi { lo: 3, hi: 4 }, "{}", abi.name);
            assert_eq!(l.pad_mask(), 0, "{}: never aligned", abi.name);
        }
        let words = [0, 0, 0, 0x1122_3344_5566_7788, 0xdead_beef];
        assert_eq!(
            allocate(&X86_64, &kinds).unwrap().raw(3, &words),
            0x1122_3344_5566_7788
        );
        let words = [0, 0, 0, 0x5566_7788, 0x1122_3344];
        assert_eq!(
            allocate(&PPC32, &kinds).unwrap().raw(3, &words),
            0x1122_3344_5566_7788
        );
        let packed = allocate(&X86_64, &kinds)
            .unwrap()
            .pack(&X86_64, &[0, 0, 0, 7]);
        assert_eq!((packed[3], packed[4]), (7, 0));
    }

    #[test]
    fn allocate_in_order_places_by_register_order_but_indexes_by_declaration() {
        let kinds = [INT, WIDE, WIDE, INT];
        let l = allocate_in_order(&ARM, &kinds, &[0, 3, 1, 2]).unwrap();
        assert_eq!(l.arg(3), Placement::One(1));
        assert_eq!(l.arg(1), Placement::Pair { lo: 2, hi: 3 });
        assert_eq!(l.arg(2), Placement::Pair { lo: 4, hi: 5 });
        assert!(is_permutation(&[0, 3, 1, 2], 4));
        assert!(!is_permutation(&[0, 3, 3, 2], 4));
    }
}
