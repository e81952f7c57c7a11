//! Property tests (DESIGN.md §8).
//!
//! 1. The allocator, on random signatures (0–6 arguments of random kinds) and every modelled ABI:
//!    a layout it returns obeys the ABI's rules (no slot twice, no argument on a pad, pairs
//!    adjacent / even-aligned / in the ABI's half order, pads only where a pair needs one, within
//!    the budget); an error it returns is true (the words really exceed the budget) and its
//!    suggested order is a permutation that really fits (and `None` means that none does).
//! 2. `Layout::pack` → `Layout::raw` + `decode_value` gives back every value as its kind
//!    truncates or extends it, even with garbage in unused slots and upper halves.
//! 3. The typed path: syscalls defined with `#[syscall_define]` covering every argument kind;
//!    random typed values written into each ABI's register files (every other register and bit
//!    garbage) come back from `decode`, the descriptor, and the entry stub's body.
//!
//! The expected values are computed here independently of the library (with Rust's own integer
//! casts), and each syscall's layout is checked against register names written out by hand: a
//! round trip through one and the same layout could not catch a wrong layout.

use std::any::Any;
use std::cell::RefCell;
use std::fmt::Debug;

use proptest::prelude::*;
use syscall_define::__private::Body;
use syscall_define::abi::{
    self, AARCH64, ARM, Abi, AllocErrorKind, ArgKind, HalfOrder, IA32, Layout, MAX_ARGS, MAX_SLOTS,
    PairRule, Placement, RISCV64, X86_64,
};
use syscall_define::regs::*;
use syscall_define::{
    ArgTuple, Descriptor, Errno, HasStub, LoHi, Syscall, SyscallArg, UserPtr, syscall_define,
};

// ---------------------------------------------------------------------------------------------
// An independent model of the allocator's arithmetic.

/// Walks `kinds` in register order `order` the way the ABI's rules say and returns
/// (words used including padding, pad mask, first argument whose words end past the budget).
fn model_walk(abi: &Abi, kinds: &[ArgKind], order: &[usize]) -> (usize, u8, Option<usize>) {
    let mut next = 0usize;
    let mut pads = 0u8;
    let mut overflow = None;
    for &arg in order {
        let wide = matches!(kinds[arg], ArgKind::Wide { .. });
        let words = match (wide, abi.pair_rule) {
            // A lo/hi split: two words everywhere, never aligned.
            _ if kinds[arg] == ArgKind::LoHi => 2,
            (true, PairRule::Consecutive) => 2,
            (true, PairRule::EvenAligned) => {
                if next % 2 == 1 {
                    // The mask has a bit per slot of the largest ABI; a pad beyond is only counted.
                    if next < MAX_SLOTS {
                        pads |= 1 << next;
                    }
                    next += 1;
                }
                2
            }
            _ => 1,
        };
        next += words;
        if next > abi.max_words() && overflow.is_none() {
            overflow = Some(arg);
        }
    }
    (next, pads, overflow)
}

/// Every permutation of `0..n`, in lexicographic order.
fn permutations(n: usize) -> Vec<Vec<usize>> {
    fn go(prefix: &mut Vec<usize>, n: usize, out: &mut Vec<Vec<usize>>) {
        if prefix.len() == n {
            out.push(prefix.clone());
            return;
        }
        for i in 0..n {
            if !prefix.contains(&i) {
                prefix.push(i);
                go(prefix, n, out);
                prefix.pop();
            }
        }
    }
    let mut out = Vec::new();
    go(&mut Vec::new(), n, &mut out);
    out
}

fn slots_of(place: Placement) -> Vec<usize> {
    match place {
        Placement::One(s) => vec![s as usize],
        Placement::Pair { lo, hi } | Placement::LoHi { lo, hi } => vec![lo as usize, hi as usize],
    }
}

/// Checks every rule a layout of `kinds`, placed in register order `order`, must obey on `abi`.
fn check_layout(abi: &Abi, kinds: &[ArgKind], order: &[usize], layout: &Layout) {
    let ctx = format!("{} {kinds:?} in order {order:?}: {layout:?}", abi.name);
    assert_eq!(layout.len(), kinds.len(), "{ctx}");
    assert_eq!(layout.args().len(), kinds.len(), "{ctx}");
    assert_eq!(layout.is_empty(), kinds.is_empty(), "{ctx}");
    let (words, pads, overflow) = model_walk(abi, kinds, order);
    assert_eq!(overflow, None, "{ctx}: the model says this does not fit");
    assert!(layout.words_used() <= abi.max_words(), "{ctx}");
    assert_eq!(layout.words_used(), words, "{ctx}: words used");

    let mut used = Vec::new();
    let mut previous_end: Option<usize> = None;
    for &i in order {
        let place = layout.arg(i);
        assert_eq!(layout.args()[i], place, "{ctx}");
        let wide_pair = matches!(kinds[i], ArgKind::Wide { .. }) && abi.word_bits == 32;
        match (place, wide_pair) {
            (Placement::LoHi { lo, hi }, false) if kinds[i] == ArgKind::LoHi => {
                assert_eq!(
                    hi,
                    lo + 1,
                    "{ctx}: a lo/hi split is low word, then high word"
                );
            }
            (Placement::One(_), false) if kinds[i] != ArgKind::LoHi => {}
            (Placement::Pair { lo, hi }, true) => {
                let (lo, hi) = (lo as usize, hi as usize);
                let first = lo.min(hi);
                assert_eq!(lo.max(hi), first + 1, "{ctx}: a pair's halves are adjacent");
                match abi.half_order {
                    HalfOrder::LowFirst => assert_eq!(hi, lo + 1, "{ctx}: low half first"),
                    HalfOrder::HighFirst => assert_eq!(lo, hi + 1, "{ctx}: high half first"),
                }
                match abi.pair_rule {
                    PairRule::OneRegister => panic!("{ctx}: a pair on a one-register ABI"),
                    PairRule::Consecutive => {}
                    PairRule::EvenAligned => {
                        assert_eq!(first % 2, 0, "{ctx}: a pair starts at an even slot")
                    }
                }
            }
            (place, _) => panic!("{ctx}: argument {i} ({:?}) placed as {place:?}", kinds[i]),
        }
        let slots = slots_of(place);
        let (first, last) = (*slots.iter().min().unwrap(), *slots.iter().max().unwrap());
        if let Some(end) = previous_end {
            assert!(first > end, "{ctx}: arguments take slots in register order");
        }
        previous_end = Some(last);
        for s in slots {
            assert!(s < abi.max_words(), "{ctx}: slot {s} is past the budget");
            assert!(!used.contains(&s), "{ctx}: slot {s} used twice");
            assert!(!layout.is_pad(s), "{ctx}: argument {i} uses pad slot {s}");
            used.push(s);
        }
    }

    assert_eq!(layout.pad_mask(), pads, "{ctx}: pad mask");
    if abi.pair_rule != PairRule::EvenAligned {
        assert_eq!(layout.pad_mask(), 0, "{ctx}: only even-aligned ABIs pad");
    }
    for slot in 0..MAX_SLOTS {
        let is_pad = layout.pad_mask() & (1 << slot) != 0;
        assert_eq!(layout.is_pad(slot), is_pad, "{ctx}: is_pad({slot})");
        assert_eq!(
            layout.uses(slot),
            used.contains(&slot),
            "{ctx}: uses({slot})"
        );
        // No holes: below `words_used` every slot is an argument's or a pad.
        assert_eq!(
            slot < layout.words_used(),
            used.contains(&slot) || is_pad,
            "{ctx}: slot {slot}"
        );
        if is_pad {
            // A pad appears only where needed: an odd slot, right before a pair.
            assert_eq!(slot % 2, 1, "{ctx}: pad {slot} is odd");
            let pair_follows = layout.args().iter().any(
                |p| matches!(p, Placement::Pair { lo, hi } if (*lo).min(*hi) as usize == slot + 1),
            );
            assert!(pair_follows, "{ctx}: pad {slot} is not followed by a pair");
        }
    }
}

/// What [`allocate`](abi::allocate) did with a signature.
#[derive(Debug, PartialEq)]
enum Outcome {
    Fits,
    /// Does not fit; an order that fits is suggested.
    Reorder(Vec<usize>),
    /// Does not fit in any order.
    NoOrder,
}

/// Allocates `kinds` on `abi` and checks the result: a layout obeys the rules; an error's
/// numbers are true and its suggestion (or the lack of one) is right.
fn check_allocation(abi: &Abi, kinds: &[ArgKind]) -> Outcome {
    let identity: Vec<usize> = (0..kinds.len()).collect();
    let (needed, pads, overflow) = model_walk(abi, kinds, &identity);
    let e = match abi::allocate(abi, kinds) {
        Ok(layout) => {
            assert!(needed <= abi.max_words());
            check_layout(abi, kinds, &identity, &layout);
            return Outcome::Fits;
        }
        Err(e) => e,
    };
    let ctx = format!("{} {kinds:?}: {e:?}", abi.name);
    assert_eq!(e.kind, AllocErrorKind::OutOfWords, "{ctx}");
    assert!(needed > abi.max_words(), "{ctx}: the model says it fits");
    assert_eq!(e.words_needed as usize, needed, "{ctx}");
    assert_eq!(e.words_available as usize, abi.max_words(), "{ctx}");
    assert_eq!(e.pads, pads, "{ctx}");
    assert_eq!(
        Some(e.arg as usize),
        overflow,
        "{ctx}: first argument that does not fit"
    );

    let fitting: Vec<Vec<usize>> = permutations(kinds.len())
        .into_iter()
        .filter(|order| model_walk(abi, kinds, order).2.is_none())
        .collect();
    let Some(order) = e.reorder else {
        assert!(
            fitting.is_empty(),
            "{ctx}: no order suggested, but {:?} fits",
            fitting[0]
        );
        return Outcome::NoOrder;
    };
    let order8 = &order[..kinds.len()];
    let order: Vec<usize> = order8.iter().map(|&i| i as usize).collect();
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, identity, "{ctx}: not a permutation");
    assert!(abi::is_permutation(order8, kinds.len()), "{ctx}");
    // Documented: the first fitting order after the declared one.
    assert_eq!(Some(&order), fitting.first(), "{ctx}");
    let layout = abi::allocate_in_order(abi, kinds, order8)
        .unwrap_or_else(|e| panic!("{ctx}: the suggested order does not fit: {e:?}"));
    check_layout(abi, kinds, &order, &layout);
    Outcome::Reorder(order)
}

/// The property's three outcomes, on signatures where the answer is known.
#[test]
fn allocation_outcomes_on_known_signatures() {
    const INT: ArgKind = ArgKind::Int {
        bits: 32,
        signed: true,
    };
    const WIDE: ArgKind = ArgKind::Wide { signed: true };
    // pread64 everywhere.
    let pread64 = [INT, ArgKind::Pointer, ArgKind::Long { signed: false }, WIDE];
    for &abi in abi::ALL {
        assert_eq!(
            check_allocation(abi, &pread64),
            Outcome::Fits,
            "{}",
            abi.name
        );
    }
    // sync_file_range(fd, offset, nbytes, flags): 7 words on arm; Linux's sync_file_range2
    // order fits.
    let sync_file_range = [INT, WIDE, WIDE, INT];
    assert_eq!(check_allocation(&IA32, &sync_file_range), Outcome::Fits);
    assert_eq!(
        check_allocation(&ARM, &sync_file_range),
        Outcome::Reorder(vec![0, 3, 1, 2])
    );
    // mips o32 has eight words.
    assert_eq!(
        check_allocation(&abi::MIPS_O32, &sync_file_range),
        Outcome::Fits
    );
    // Seven words whatever the order.
    let too_wide = [INT, INT, INT, INT, INT, WIDE];
    assert_eq!(check_allocation(&IA32, &too_wide), Outcome::NoOrder);
    assert_eq!(check_allocation(&X86_64, &too_wide), Outcome::Fits);
    // A pad makes (WIDE, INT, WIDE, INT) 7 words on arm; moving the last INT up removes it.
    assert_eq!(
        check_allocation(&ARM, &[WIDE, INT, WIDE, INT]),
        Outcome::Reorder(vec![0, 1, 3, 2])
    );
    // Three pairs and an int are 7 words without any pad.
    assert_eq!(
        check_allocation(&ARM, &[WIDE, WIDE, INT, WIDE]),
        Outcome::NoOrder
    );
}

fn kind_strategy() -> impl Strategy<Value = ArgKind> {
    prop_oneof![
        3 => (prop::sample::select(vec![8u8, 16, 32]), any::<bool>())
            .prop_map(|(bits, signed)| ArgKind::Int { bits, signed }),
        1 => any::<bool>().prop_map(|signed| ArgKind::Long { signed }),
        3 => any::<bool>().prop_map(|signed| ArgKind::Wide { signed }),
        1 => Just(ArgKind::Pointer),
        1 => Just(ArgKind::LoHi),
    ]
}

/// What a value of `kind` is after passing through `abi`, written with Rust's casts rather than
/// the library's masks and shifts (and s390 compat's 31-bit pointers).
fn passed(kind: ArgKind, value: u64, abi: &Abi) -> u64 {
    let word_bits = abi.word_bits;
    let cast = |bits: u32, signed: bool| match (bits, signed) {
        (8, false) => value as u8 as u64,
        (8, true) => value as i8 as i64 as u64,
        (16, false) => value as u16 as u64,
        (16, true) => value as i16 as i64 as u64,
        (32, false) => value as u32 as u64,
        (32, true) => value as i32 as i64 as u64,
        (64, _) => value,
        _ => unreachable!("{bits} bits"),
    };
    match kind {
        ArgKind::Int { bits, signed } => cast(u32::from(bits), signed),
        ArgKind::Long { signed } => cast(word_bits, signed),
        ArgKind::Pointer if abi.pointer_mask != u64::MAX => cast(word_bits, false) % (1 << 31),
        ArgKind::Pointer => cast(word_bits, false),
        ArgKind::Wide { .. } | ArgKind::LoHi => value,
    }
}

/// How many low bits of a one-slot word carry the argument (the rest may be garbage).
fn meaningful_bits(kind: ArgKind, word_bits: u32) -> u32 {
    match kind {
        ArgKind::Int { bits, .. } => u32::from(bits),
        ArgKind::Long { .. } | ArgKind::Pointer => word_bits,
        ArgKind::Wide { .. } | ArgKind::LoHi => 64,
    }
}

fn low_mask(bits: u32) -> u64 {
    if bits >= 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    }
}

/// `cases` cases, and no regression files written into the source tree.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn allocation_obeys_each_abis_rules(kinds in prop::collection::vec(kind_strategy(), 0..=MAX_ARGS)) {
        for &abi in abi::ALL {
            check_allocation(abi, &kinds);
        }
    }

    #[test]
    fn any_register_order_obeys_the_rules_too(
        kinds in prop::collection::vec(kind_strategy(), 0..=MAX_ARGS),
        shuffle in any::<u64>(),
    ) {
        let all = permutations(kinds.len());
        let order = &all[(shuffle % all.len() as u64) as usize];
        let order8: Vec<u8> = order.iter().map(|&i| i as u8).collect();
        for &abi in abi::ALL {
            let fits = model_walk(abi, &kinds, order).2.is_none();
            match abi::allocate_in_order(abi, &kinds, &order8) {
                Ok(layout) => {
                    prop_assert!(fits, "{} {:?} {:?}: the model says it does not fit", abi.name, kinds, order);
                    check_layout(abi, &kinds, order, &layout);
                }
                Err(e) => prop_assert!(!fits, "{} {:?} {:?}: {:?}", abi.name, kinds, order, e),
            }
        }
    }

    #[test]
    fn more_than_six_arguments_never_fit(kinds in prop::collection::vec(kind_strategy(), MAX_ARGS + 1..=MAX_ARGS + 3)) {
        for &abi in abi::ALL {
            let e = abi::allocate(abi, &kinds).unwrap_err();
            prop_assert_eq!(e.kind, AllocErrorKind::TooManyArguments);
            prop_assert_eq!(e.arg as usize, MAX_ARGS);
            prop_assert_eq!(e.reorder, None);
        }
    }

    #[test]
    fn pack_then_decode_gives_the_values_back(
        kinds in prop::collection::vec(kind_strategy(), 0..=MAX_ARGS),
        values in prop::array::uniform6(any::<u64>()),
        garbage in prop::array::uniform8(any::<u64>()),
    ) {
        for &abi in abi::ALL {
            let Ok(layout) = abi::allocate(abi, &kinds) else { continue };
            let words = layout.pack(abi, &kinds, &values);
            let ctx = format!("{} {kinds:?} {values:x?}: {words:x?}", abi.name);
            for (slot, &word) in words.iter().enumerate() {
                if !layout.uses(slot) {
                    prop_assert_eq!(word, 0, "{}: unused or pad slot {} is not zero", ctx, slot);
                }
                prop_assert!(word <= low_mask(abi.register_bits), "{}: slot {} wider than a register", ctx, slot);
            }
            for (i, &kind) in kinds.iter().enumerate() {
                let want = passed(kind, values[i], abi);
                let raw = layout.raw(i, &words);
                prop_assert_eq!(abi::decode_value(kind, raw, abi), want, "{}: argument {}", ctx, i);
            }

            // The same words as a caller may really leave them: garbage in every unused and pad
            // slot, above a narrow type's bits, and in the upper half of a 32-bit ABI's
            // registers read from a 64-bit register file.
            let mut dirty = garbage;
            for (i, &kind) in kinds.iter().enumerate() {
                match layout.arg(i) {
                    Placement::One(s) => {
                        let keep = low_mask(meaningful_bits(kind, abi.word_bits));
                        let s = s as usize;
                        dirty[s] = (words[s] & keep) | (garbage[s] & !keep);
                    }
                    Placement::Pair { lo, hi } => {
                        for s in [lo as usize, hi as usize] {
                            dirty[s] = words[s] | (garbage[s] & !0xffff_ffff);
                        }
                    }
                    // Where it is not joined, the high word of a lo/hi split is ignored entirely.
                    Placement::LoHi { lo, hi } if !abi.lohi_joined => {
                        dirty[lo as usize] = words[lo as usize];
                        dirty[hi as usize] = garbage[hi as usize];
                    }
                    Placement::LoHi { lo, hi } => {
                        for s in [lo as usize, hi as usize] {
                            dirty[s] = words[s] | (garbage[s] & !0xffff_ffff);
                        }
                    }
                }
            }
            for (i, &kind) in kinds.iter().enumerate() {
                let want = passed(kind, values[i], abi);
                let raw = layout.raw(i, &dirty);
                prop_assert_eq!(abi::decode_value(kind, raw, abi), want, "{}: argument {} with garbage {:x?}", ctx, i, dirty);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The typed path.

thread_local! {
    /// The arguments the last body ran with.
    static SEEN: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
}

fn record<T: Any>(args: T) {
    SEEN.with(|seen| *seen.borrow_mut() = Some(Box::new(args)));
}

fn take_seen<T: Any>() -> Option<T> {
    let seen = SEEN.with(|seen| seen.borrow_mut().take())?;
    Some(
        *seen
            .downcast::<T>()
            .expect("the body recorded another syscall's arguments"),
    )
}

/// A checksum of argument values: what the bodies return, so that the stub's return value
/// depends on every argument.
fn mix(values: &[u64]) -> u64 {
    values
        .iter()
        .enumerate()
        .fold(0xcbf2_9ce4_8422_2325, |h, (i, v)| {
            (h ^ v.rotate_left(7 * i as u32)).wrapping_mul(0x0100_0000_01b3)
        })
}

/// `loff_t`: the allocator must see an `i64` behind the alias.
type Loff = i64;

/// A file descriptor that rejects negative values: the stub returns `-EBADF` without running
/// the body.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Fd(i32);

impl SyscallArg for Fd {
    const KIND: ArgKind = ArgKind::Int {
        bits: 32,
        signed: true,
    };
    fn decode(value: u64) -> Result<Self, Errno> {
        match value as i32 {
            fd if fd < 0 => Err(Errno::EBADF),
            fd => Ok(Fd(fd)),
        }
    }
    fn encode(&self) -> u64 {
        self.0 as i64 as u64
    }
}

#[syscall_define(abi(all))]
fn s_none() {
    record(());
}

#[syscall_define(abi(all))]
fn s_ints(a: u8, b: u16, c: u32, d: i8, e: i16, f: i32) -> i32 {
    let args = (a, b, c, d, e, f);
    record(args);
    mix(&args.encode_values()) as i32
}

#[syscall_define(abi(all))]
fn s_longs(a: usize, b: isize, p: UserPtr<u8>, q: *const u32, r: *mut u8, s: u32) -> usize {
    let args = (a, b, p, q, r, s);
    record(args);
    mix(&args.encode_values()) as usize
}

#[syscall_define(abi(all))]
fn s_wide(fd: i32, pos: i64, len: u64) -> isize {
    let args = (fd, pos, len);
    record(args);
    mix(&args.encode_values()) as isize
}

#[syscall_define(abi(all))]
fn s_loff(fd: u32, buf: UserPtr<u8>, count: usize, pos: Loff) -> Result<usize, Errno> {
    record((fd, buf, count, pos));
    if fd.is_multiple_of(4) {
        Err(Errno::EBADF)
    } else {
        Ok(count ^ pos as usize)
    }
}

#[syscall_define(abi(all))]
fn s_pair_first(off: u64, flags: i16, len: Loff) -> isize {
    let args = (off, flags, len);
    record(args);
    mix(&args.encode_values()) as isize
}

#[syscall_define(abi(all))]
fn s_two_pairs(a: i64, b: u64, c: i8) -> isize {
    let args = (a, b, c);
    record(args);
    mix(&args.encode_values()) as isize
}

#[syscall_define(abi(all))]
fn s_fd(fd: Fd, mode: u16) -> isize {
    record((fd, mode));
    fd.0 as isize + mode as isize
}

/// preadv2's shape: the offset as a lo/hi split, never aligned, low word first on every ABI.
#[syscall_define(abi(all))]
fn s_lohi(fd: usize, vec: UserPtr<u8>, vlen: usize, pos: LoHi, flags: i32) -> isize {
    let args = (fd, vec, vlen, pos, flags);
    record(args);
    mix(&args.encode_values()) as isize
}

/// splitmix64: the garbage in every register not carrying an argument.
struct Garbage(u64);

impl Garbage {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A register file of type `R` with garbage in every byte.
    fn fill<R: Copy>(&mut self) -> R {
        let mut bytes = vec![0u8; size_of::<R>()];
        for chunk in bytes.chunks_mut(8) {
            let word = self.next().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
        // SAFETY: the register files are `#[repr(C)]` structs of integers only (checked by
        // their own tests), for which every bit pattern is a value; `bytes` is `size_of::<R>()`
        // long and read unaligned.
        unsafe { std::ptr::read_unaligned(bytes.as_ptr().cast::<R>()) }
    }
}

/// What a syscall's stub decodes on an ABI.
type Want<S> = Box<dyn Fn(&Abi) -> Result<<S as Syscall>::Args, Errno>>;

/// What one syscall must do for one set of typed values.
struct Expect<'a, S: Syscall> {
    desc: &'a Descriptor,
    /// The values the caller passes.
    sent: &'a S::Args,
    /// What the stub of an ABI decodes: `sent` with `usize`, `isize` and pointers cut to the
    /// ABI's word (and s390 compat's pointers to 31 bits), or the error a newtype rejects it with.
    want: Want<S>,
    /// What the body returns for decoded arguments.
    ret: fn(&S::Args) -> isize,
}

/// Writes `e.sent` into `regs` (already full of garbage) at the descriptor's layout for `A`,
/// with garbage wherever the ABI ignores bits, then checks `decode`, `decode_words` and the
/// generated stub.
fn check_on<S, A, R>(e: &Expect<S>, mut regs: R, g: &mut Garbage)
where
    S: HasStub<A> + Body,
    S::Args: Debug + PartialEq + Clone + 'static,
    A: AbiTag,
    R: ArgRegisters<A> + Debug,
{
    let abi = A::ABI;
    let layout = e.desc.layout(abi).expect("stubs emitted for every ABI");
    assert_eq!(
        layout,
        S::layout::<A>(),
        "{}: descriptor and trait agree",
        abi.name
    );
    let values = e.sent.encode_values();
    let kinds = <S::Args as ArgTuple>::KINDS;
    for (i, &kind) in kinds.iter().enumerate() {
        match layout.arg(i) {
            Placement::One(slot) => {
                let keep = low_mask(meaningful_bits(kind, abi.word_bits));
                regs.set_arg_word(slot as usize, (values[i] & keep) | (g.next() & !keep));
            }
            Placement::Pair { lo, hi } => {
                let upper = g.next() & !0xffff_ffff;
                regs.set_arg_word(lo as usize, (values[i] & 0xffff_ffff) | upper);
                regs.set_arg_word(hi as usize, (values[i] >> 32) | (g.next() << 32));
            }
            Placement::LoHi { lo, hi } if !abi.lohi_joined => {
                regs.set_arg_word(lo as usize, values[i]);
                regs.set_arg_word(hi as usize, g.next());
            }
            Placement::LoHi { lo, hi } => {
                regs.set_arg_word(lo as usize, (values[i] & 0xffff_ffff) | (g.next() << 32));
                regs.set_arg_word(hi as usize, (values[i] >> 32) | (g.next() << 32));
            }
        }
    }
    let want = (e.want)(abi);
    let ctx = format!(
        "{} on {} ({}): sent {:?}, regs {regs:x?}",
        S::NAME,
        abi.name,
        std::any::type_name::<R>(),
        e.sent
    );

    assert_eq!(S::decode::<A, R>(&regs), want, "{ctx}: decode");

    let words: Vec<u64> = (0..abi.max_words()).map(|s| regs.arg_word(s)).collect();
    let decoded = e
        .desc
        .decode_words(abi, &words)
        .expect("words for every slot");
    if let Ok(want) = &want {
        let n = kinds.len();
        assert_eq!(
            decoded[..n],
            want.encode_values()[..n],
            "{ctx}: decode_words"
        );
    }

    assert_eq!(take_seen::<S::Args>(), None::<S::Args>);
    // SAFETY: the stub only reads `regs`; a test is the arch entry code here.
    let ret = unsafe { S::stub(&regs) };
    let seen = take_seen::<S::Args>();
    match &want {
        Ok(want) => {
            assert_eq!(ret, (e.ret)(want), "{ctx}: stub return");
            assert_eq!(seen.as_ref(), Some(want), "{ctx}: the body's arguments");
        }
        Err(errno) => {
            assert_eq!(ret, -(errno.into_raw() as isize), "{ctx}: stub return");
            assert_eq!(seen, None, "{ctx}: the body ran with a rejected argument");
        }
    }
}

/// Runs [`check_on`] on every register file of every ABI (`for_each_register_file!`): native
/// ones and 64-bit compat hosts, garbage everywhere else.
macro_rules! define_check_everywhere {
    ($($tag:ident => $regs:ty,)*) => {
        fn check_everywhere<S>(e: &Expect<S>, g: &mut Garbage)
        where
            S: Body $(+ HasStub<$tag>)*,
            S::Args: Debug + PartialEq + Clone + 'static,
        {
            $( check_on::<S, $tag, $regs>(e, g.fill::<$regs>(), g); )*
        }
    };
}
syscall_define::for_each_register_file!(define_check_everywhere);

/// `v` as a `usize` argument of `abi` decodes: cut to its word.
fn word(abi: &Abi, v: usize) -> usize {
    if abi.word_bits == 32 {
        v as u32 as usize
    } else {
        v
    }
}

/// `v` as an `isize` argument of `abi` decodes: its word, sign-extended.
fn sword(abi: &Abi, v: isize) -> isize {
    if abi.word_bits == 32 {
        v as i32 as isize
    } else {
        v
    }
}

/// A pointer argument's address as `abi` decodes it: its word, and s390 compat's 31 bits.
fn address(abi: &Abi, addr: usize) -> usize {
    word(abi, addr) & abi.pointer_mask as usize
}

/// The register (or `low/high` pair) of each argument on `abi`, and its pad slots.
fn registers(desc: &Descriptor, abi: &Abi) -> (Vec<String>, Vec<&'static str>) {
    let layout = desc.layout(abi).unwrap();
    let names = layout
        .args()
        .iter()
        .map(|&place| match abi.slot_name(place) {
            (one, None) => one.to_string(),
            (lo, Some(hi)) => format!("{lo}/{hi}"),
        })
        .collect();
    let pads = (0..abi.max_words())
        .filter(|&s| layout.is_pad(s))
        .map(|s| abi.arg_slots[s])
        .collect();
    (names, pads)
}

#[track_caller]
fn assert_registers(desc: &Descriptor, abi: &Abi, names: &[&str], pads: &[&str]) {
    let (got_names, got_pads) = registers(desc, abi);
    assert_eq!(
        (
            got_names.iter().map(String::as_str).collect::<Vec<_>>(),
            got_pads
        ),
        (names.to_vec(), pads.to_vec()),
        "{} on {}",
        desc.name,
        abi.name
    );
}

const X64_REGS: [&str; 6] = ["di", "si", "dx", "r10", "r8", "r9"];
const IA32_REGS: [&str; 6] = ["bx", "cx", "dx", "si", "di", "bp"];
const ARM64_REGS: [&str; 6] = [
    "regs[0]", "regs[1]", "regs[2]", "regs[3]", "regs[4]", "regs[5]",
];
const ARM_REGS: [&str; 6] = ["r0", "r1", "r2", "r3", "r4", "r5"];
const RISCV_REGS: [&str; 6] = ["orig_a0", "a1", "a2", "a3", "a4", "a5"];

/// One-word arguments only: the first `n` registers on every ABI, no pads.
fn assert_one_word_each(desc: &Descriptor, n: usize) {
    for (abi, regs) in [
        (&X86_64, X64_REGS),
        (&IA32, IA32_REGS),
        (&AARCH64, ARM64_REGS),
        (&ARM, ARM_REGS),
        (&RISCV64, RISCV_REGS),
    ] {
        assert_registers(desc, abi, &regs[..n], &[]);
    }
}

#[test]
fn each_syscall_uses_the_registers_its_abis_pass_arguments_in() {
    assert_one_word_each(s_none::DESCRIPTOR, 0);
    assert_one_word_each(s_ints::DESCRIPTOR, 6);
    assert_one_word_each(s_longs::DESCRIPTOR, 6);
    assert_one_word_each(s_fd::DESCRIPTOR, 2);

    // (fd: i32, pos: i64, len: u64)
    assert_registers(s_wide::DESCRIPTOR, &X86_64, &X64_REGS[..3], &[]);
    assert_registers(s_wide::DESCRIPTOR, &IA32, &["bx", "cx/dx", "si/di"], &[]);
    assert_registers(s_wide::DESCRIPTOR, &AARCH64, &ARM64_REGS[..3], &[]);
    assert_registers(s_wide::DESCRIPTOR, &ARM, &["r0", "r2/r3", "r4/r5"], &["r1"]);
    assert_registers(s_wide::DESCRIPTOR, &RISCV64, &RISCV_REGS[..3], &[]);

    // pread64(fd: u32, buf, count: usize, pos: Loff): `Loff` is an alias the macro cannot see
    // through; the pair comes from `SyscallArg::KIND`.
    assert_registers(s_loff::DESCRIPTOR, &X86_64, &X64_REGS[..4], &[]);
    assert_registers(s_loff::DESCRIPTOR, &IA32, &["bx", "cx", "dx", "si/di"], &[]);
    assert_registers(s_loff::DESCRIPTOR, &AARCH64, &ARM64_REGS[..4], &[]);
    assert_registers(
        s_loff::DESCRIPTOR,
        &ARM,
        &["r0", "r1", "r2", "r4/r5"],
        &["r3"],
    );
    assert_registers(s_loff::DESCRIPTOR, &RISCV64, &RISCV_REGS[..4], &[]);

    // (off: u64, flags: i16, len: Loff)
    assert_registers(s_pair_first::DESCRIPTOR, &X86_64, &X64_REGS[..3], &[]);
    assert_registers(
        s_pair_first::DESCRIPTOR,
        &IA32,
        &["bx/cx", "dx", "si/di"],
        &[],
    );
    assert_registers(s_pair_first::DESCRIPTOR, &AARCH64, &ARM64_REGS[..3], &[]);
    assert_registers(
        s_pair_first::DESCRIPTOR,
        &ARM,
        &["r0/r1", "r2", "r4/r5"],
        &["r3"],
    );
    assert_registers(s_pair_first::DESCRIPTOR, &RISCV64, &RISCV_REGS[..3], &[]);

    // (fd: usize, vec, vlen: usize, pos: LoHi, flags: i32): two words everywhere, low first,
    // no pad even where pairs are aligned (arm's r3/r4).
    assert_registers(
        s_lohi::DESCRIPTOR,
        &X86_64,
        &["di", "si", "dx", "r10/r8", "r9"],
        &[],
    );
    assert_registers(
        s_lohi::DESCRIPTOR,
        &IA32,
        &["bx", "cx", "dx", "si/di", "bp"],
        &[],
    );
    assert_registers(
        s_lohi::DESCRIPTOR,
        &AARCH64,
        &[
            "regs[0]",
            "regs[1]",
            "regs[2]",
            "regs[3]/regs[4]",
            "regs[5]",
        ],
        &[],
    );
    assert_registers(
        s_lohi::DESCRIPTOR,
        &ARM,
        &["r0", "r1", "r2", "r3/r4", "r5"],
        &[],
    );
    assert_registers(
        s_lohi::DESCRIPTOR,
        &RISCV64,
        &["orig_a0", "a1", "a2", "a3/a4", "a5"],
        &[],
    );

    // (a: i64, b: u64, c: i8)
    assert_registers(s_two_pairs::DESCRIPTOR, &X86_64, &X64_REGS[..3], &[]);
    assert_registers(
        s_two_pairs::DESCRIPTOR,
        &IA32,
        &["bx/cx", "dx/si", "di"],
        &[],
    );
    assert_registers(s_two_pairs::DESCRIPTOR, &AARCH64, &ARM64_REGS[..3], &[]);
    assert_registers(
        s_two_pairs::DESCRIPTOR,
        &ARM,
        &["r0/r1", "r2/r3", "r4"],
        &[],
    );
    assert_registers(s_two_pairs::DESCRIPTOR, &RISCV64, &RISCV_REGS[..3], &[]);
}

#[test]
fn descriptors_name_the_arguments_as_written() {
    let names = |d: &Descriptor| d.args.iter().map(|a| (a.name, a.ty)).collect::<Vec<_>>();
    assert_eq!(s_none::DESCRIPTOR.name, "s_none");
    assert!(s_none::DESCRIPTOR.args.is_empty());
    assert_eq!(
        names(s_loff::DESCRIPTOR),
        [
            ("fd", "u32"),
            ("buf", "UserPtr<u8>"),
            ("count", "usize"),
            ("pos", "Loff")
        ]
    );
    assert_eq!(
        s_loff::DESCRIPTOR.args[3].kind,
        ArgKind::Wide { signed: true }
    );
    assert_eq!(
        names(s_longs::DESCRIPTOR),
        [
            ("a", "usize"),
            ("b", "isize"),
            ("p", "UserPtr<u8>"),
            ("q", "*const u32"),
            ("r", "*mut u8"),
            ("s", "u32")
        ]
    );
    assert_eq!(<s_fd as Syscall>::ARGS[0].kind, Fd::KIND);
}

fn user_ptr() -> impl Strategy<Value = UserPtr<u8>> {
    any::<usize>().prop_map(UserPtr::new)
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn no_arguments_unit_return(seed in any::<u64>()) {
        let e = Expect::<s_none> { desc: s_none::DESCRIPTOR, sent: &(), want: Box::new(|_| Ok(())), ret: |_| 0 };
        check_everywhere(&e, &mut Garbage(seed));
    }

    #[test]
    fn six_narrow_integers(args in any::<(u8, u16, u32, i8, i16, i32)>(), seed in any::<u64>()) {
        let e = Expect::<s_ints> {
            desc: s_ints::DESCRIPTOR,
            sent: &args,
            want: Box::new(move |_| Ok(args)),
            ret: |a| mix(&a.encode_values()) as i32 as isize,
        };
        check_everywhere(&e, &mut Garbage(seed));
    }

    #[test]
    fn longs_and_pointers(
        a in any::<usize>(),
        b in any::<isize>(),
        p in user_ptr(),
        q in any::<usize>().prop_map(std::ptr::without_provenance::<u32>),
        r in any::<usize>().prop_map(std::ptr::without_provenance_mut::<u8>),
        s in any::<u32>(),
        seed in any::<u64>(),
    ) {
        let args = (a, b, p, q, r, s);
        let e = Expect::<s_longs> {
            desc: s_longs::DESCRIPTOR,
            sent: &args,
            want: Box::new(move |abi| Ok((
                word(abi, a),
                sword(abi, b),
                UserPtr::new(address(abi, p.addr())),
                std::ptr::without_provenance(address(abi, q.addr())),
                std::ptr::without_provenance_mut(address(abi, r.addr())),
                s,
            ))),
            ret: |a| mix(&a.encode_values()) as isize,
        };
        check_everywhere(&e, &mut Garbage(seed));
    }

    #[test]
    fn wide_values_in_pairs(args in any::<(i32, i64, u64)>(), seed in any::<u64>()) {
        let e = Expect::<s_wide> {
            desc: s_wide::DESCRIPTOR,
            sent: &args,
            want: Box::new(move |_| Ok(args)),
            ret: |a| mix(&a.encode_values()) as isize,
        };
        check_everywhere(&e, &mut Garbage(seed));
    }

    #[test]
    fn loff_alias_and_result_return(
        fd in any::<u32>(),
        buf in user_ptr(),
        count in any::<usize>(),
        pos in any::<i64>(),
        seed in any::<u64>(),
    ) {
        let args = (fd, buf, count, pos);
        let e = Expect::<s_loff> {
            desc: s_loff::DESCRIPTOR,
            sent: &args,
            want: Box::new(move |abi| Ok((fd, UserPtr::new(address(abi, buf.addr())), word(abi, count), pos))),
            ret: |&(fd, _, count, pos)| if fd.is_multiple_of(4) { -9 } else { (count ^ pos as usize) as isize },
        };
        check_everywhere(&e, &mut Garbage(seed));
    }

    #[test]
    fn pair_first_then_narrow_then_alias(args in any::<(u64, i16, i64)>(), seed in any::<u64>()) {
        let e = Expect::<s_pair_first> {
            desc: s_pair_first::DESCRIPTOR,
            sent: &args,
            want: Box::new(move |_| Ok(args)),
            ret: |a| mix(&a.encode_values()) as isize,
        };
        check_everywhere(&e, &mut Garbage(seed));
    }

    #[test]
    fn two_pairs_back_to_back(args in any::<(i64, u64, i8)>(), seed in any::<u64>()) {
        let e = Expect::<s_two_pairs> {
            desc: s_two_pairs::DESCRIPTOR,
            sent: &args,
            want: Box::new(move |_| Ok(args)),
            ret: |a| mix(&a.encode_values()) as isize,
        };
        check_everywhere(&e, &mut Garbage(seed));
    }

    #[test]
    fn lo_hi_split_low_word_first_everywhere(
        fd in any::<usize>(),
        vec in user_ptr(),
        vlen in any::<usize>(),
        pos in any::<u64>(),
        flags in any::<i32>(),
        seed in any::<u64>(),
    ) {
        let args = (fd, vec, vlen, LoHi(pos), flags);
        let e = Expect::<s_lohi> {
            desc: s_lohi::DESCRIPTOR,
            sent: &args,
            want: Box::new(move |abi| Ok((word(abi, fd), UserPtr::new(address(abi, vec.addr())), word(abi, vlen), LoHi(pos), flags))),
            ret: |a| mix(&a.encode_values()) as isize,
        };
        check_everywhere(&e, &mut Garbage(seed));
    }

    #[test]
    fn a_newtype_rejects_before_the_body_runs(fd in any::<i32>(), mode in any::<u16>(), seed in any::<u64>()) {
        let args = (Fd(fd), mode);
        let want = if fd < 0 { Err(Errno::EBADF) } else { Ok(args) };
        let e = Expect::<s_fd> {
            desc: s_fd::DESCRIPTOR,
            sent: &args,
            want: Box::new(move |_| want),
            ret: |&(fd, mode)| fd.0 as isize + mode as isize,
        };
        check_everywhere(&e, &mut Garbage(seed));
    }
}
