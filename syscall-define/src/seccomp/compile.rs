//! From a [`Filter`] to BPF: the arch dispatch, per-ABI number dispatch, per-rule condition
//! chains, and shared return instructions, assembled with symbolic jump targets that are
//! resolved at the end (a conditional jump reaches 255 instructions; a farther target gets a
//! `ja` trampoline).

use super::bpf::{ABS, ALU, AND, JA, JEQ, JGE, JGT, JMP, K, LD, MAX_INSNS, RET, W, XOR};
use super::{Cmp, Cond, Error, Filter, Program, Rule, SockFilter, shared_arch};
use crate::abi::{Abi, ArgKind, Endian, Placement};

/// A jump target: the next instruction, or a label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tgt {
    Next,
    Label(u16),
}

#[derive(Clone, Copy, Debug)]
struct Pending {
    code: u16,
    k: u32,
    jt: Tgt,
    jf: Tgt,
}

const EMPTY: Pending = Pending {
    code: 0,
    k: 0,
    jt: Tgt::Next,
    jf: Tgt::Next,
};
const UNBOUND: u16 = u16::MAX;

/// The assembler: instructions with symbolic targets, in a fixed-size buffer.
struct Asm<const N: usize> {
    code: [Pending; N],
    len: usize,
    labels: [u16; N],
    nlabels: usize,
    /// The distinct return values (action and data, per ABI), each with its label.
    pool: [(u32, u16); N],
    npool: usize,
    full: bool,
}

impl<const N: usize> Asm<N> {
    fn new() -> Self {
        Asm {
            code: [EMPTY; N],
            len: 0,
            labels: [UNBOUND; N],
            nlabels: 0,
            pool: [(0, 0); N],
            npool: 0,
            full: false,
        }
    }

    fn emit(&mut self, code: u16, k: u32, jt: Tgt, jf: Tgt) {
        if self.len == N {
            self.full = true;
            return;
        }
        self.code[self.len] = Pending { code, k, jt, jf };
        self.len += 1;
    }

    fn stmt(&mut self, code: u16, k: u32) {
        self.emit(code, k, Tgt::Next, Tgt::Next);
    }

    fn label(&mut self) -> Tgt {
        if self.nlabels == N.min(usize::from(UNBOUND)) {
            self.full = true;
            return Tgt::Label(0);
        }
        self.nlabels += 1;
        Tgt::Label((self.nlabels - 1) as u16)
    }

    fn bind(&mut self, label: Tgt) {
        if let Tgt::Label(l) = label {
            self.labels[l as usize] = self.len as u16;
        }
    }

    /// The shared `ret value` instruction, emitted once at the end.
    fn ret(&mut self, value: u32) -> Tgt {
        if let Some(&(_, label)) = self.pool[..self.npool].iter().find(|(v, _)| *v == value) {
            return Tgt::Label(label);
        }
        let label = self.label();
        if self.npool == N {
            self.full = true;
            return label;
        }
        if let Tgt::Label(l) = label {
            self.pool[self.npool] = (value, l);
            self.npool += 1;
        }
        label
    }

    /// Where `target`, seen from instruction `at`, goes: an instruction index.
    fn index(&self, at: usize, target: Tgt) -> usize {
        match target {
            Tgt::Next => at + 1,
            Tgt::Label(l) => self.labels[l as usize] as usize,
        }
    }

    /// Emits the shared returns, resolves the targets and writes the program.
    fn finish(mut self, big_endian: bool) -> Result<Program<N>, Error> {
        for i in 0..self.npool {
            let (value, label) = self.pool[i];
            self.bind(Tgt::Label(label));
            self.stmt(RET | K, value);
        }
        let capacity = N.min(MAX_INSNS);
        if self.full || self.len > capacity {
            return Err(Error::TooLong { capacity });
        }
        // Trampolines after each instruction: bit 0 for its true target, bit 1 for its false
        // one. Adding some moves targets farther, so repeat until nothing changes.
        let mut extra = [0u8; N];
        let mut pos = [0u16; N];
        loop {
            let mut total = 0;
            for i in 0..self.len {
                pos[i] = (i + total) as u16;
                total += extra[i].count_ones() as usize;
            }
            if self.len + total > capacity {
                return Err(Error::TooLong { capacity });
            }
            let mut changed = false;
            for i in 0..self.len {
                let insn = self.code[i];
                if insn.code & 0x07 != JMP || insn.code & 0xf0 == JA {
                    continue;
                }
                for (bit, target) in [(1u8, insn.jt), (2u8, insn.jf)] {
                    let to = self.index(i, target);
                    if extra[i] & bit == 0
                        && pos_of(&pos, self.len, total, to) - usize::from(pos[i]) - 1 > 255
                    {
                        extra[i] |= bit;
                        changed = true;
                    }
                }
            }
            if !changed {
                let mut program = Program {
                    insns: [SockFilter::default(); N],
                    len: self.len + total,
                    big_endian,
                };
                for i in 0..self.len {
                    let insn = self.code[i];
                    let at = usize::from(pos[i]);
                    let far = |to: usize, from: usize| {
                        (pos_of(&pos, self.len, total, to) - from - 1) as u32
                    };
                    if insn.code & 0x07 != JMP {
                        program.insns[at] = SockFilter::stmt(insn.code, insn.k);
                    } else if insn.code & 0xf0 == JA {
                        program.insns[at] =
                            SockFilter::stmt(insn.code, far(self.index(i, insn.jt), at));
                    } else {
                        let (t, f) = (self.index(i, insn.jt), self.index(i, insn.jf));
                        let mut next = at + 1;
                        let mut jt = far(t, at) as u8;
                        let mut jf = far(f, at) as u8;
                        if extra[i] & 1 != 0 {
                            jt = (next - at - 1) as u8;
                            program.insns[next] = SockFilter::stmt(JMP | JA, far(t, next));
                            next += 1;
                        }
                        if extra[i] & 2 != 0 {
                            jf = (next - at - 1) as u8;
                            program.insns[next] = SockFilter::stmt(JMP | JA, far(f, next));
                        }
                        program.insns[at] = SockFilter::jump(insn.code, insn.k, jt, jf);
                    }
                }
                return Ok(program);
            }
        }
    }
}

/// The final position of instruction index `to` (`len`: one past the last).
fn pos_of(pos: &[u16], len: usize, total: usize, to: usize) -> usize {
    if to < len {
        usize::from(pos[to])
    } else {
        len + total
    }
}

/// How one argument is read on one ABI: its width and order, and the `seccomp_data` offsets of
/// its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Operand {
    bits: u32,
    signed: bool,
    lo: u32,
    hi: Option<u32>,
    /// Bits of the low word that belong to the value (a narrow type, or s390 compat's 31-bit
    /// pointers).
    lo_mask: u32,
}

/// What a condition comes to on one ABI.
enum Check {
    Always,
    Never,
    Code(Operand, Cmp, u64),
}

/// The widest values a kind can hold on any ABI (for the range check of a condition's value).
fn type_range(kind: ArgKind) -> (u32, bool) {
    match kind {
        ArgKind::Int { bits, signed } => (u32::from(bits), signed),
        ArgKind::Long { signed } | ArgKind::Wide { signed } => (64, signed),
        ArgKind::Pointer | ArgKind::LoHi => (64, false),
    }
}

fn range(bits: u32, signed: bool) -> (i128, i128) {
    if signed {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    } else {
        (0, (1i128 << bits) - 1)
    }
}

/// Checks a rule's conditions against its descriptor's argument types.
fn check_rule(index: usize, rule: &Rule<'_>) -> Result<(), Error> {
    for (c, cond) in rule.when.iter().enumerate() {
        let Some(meta) = rule.syscall.args.get(cond.arg) else {
            return Err(Error::NoSuchArgument {
                rule: index,
                cond: c,
                syscall: rule.syscall.name,
            });
        };
        let (bits, signed) = type_range(meta.kind);
        let (min, max) = range(bits, signed);
        let mask_fits = match cond.cmp {
            Cmp::MaskedEq(mask) => bits == 64 || mask >> bits == 0,
            _ => true,
        };
        if cond.value < min || cond.value > max || !mask_fits {
            return Err(Error::ValueOutOfRange {
                rule: index,
                cond: c,
                arg: meta.name,
                ty: meta.ty,
            });
        }
    }
    Ok(())
}

/// The offset in `seccomp_data` of the low (`high == false`) or high 32 bits of `args[slot]`.
fn offset(abi: &Abi, slot: u8, high: bool) -> u32 {
    let first_is_high = abi.endian == Endian::Big;
    16 + 8 * u32::from(slot) + if high == first_is_high { 0 } else { 4 }
}

/// How argument `kind` at `place` is read on `abi`; `None` if a word is past `args[5]`.
fn operand(abi: &Abi, kind: ArgKind, place: Placement) -> Option<Operand> {
    let (lo_slot, hi_slot) = match place {
        Placement::One(slot) => (slot, None),
        Placement::Pair { lo, hi } => (lo, Some(hi)),
        Placement::LoHi { lo, hi } if abi.lohi_joined => (lo, Some(hi)),
        Placement::LoHi { lo, .. } => (lo, None),
    };
    if lo_slot >= 6 || hi_slot.is_some_and(|s| s >= 6) {
        return None;
    }
    let (bits, signed) = match kind {
        ArgKind::Int { bits, signed } => (u32::from(bits), signed),
        ArgKind::Long { signed } => (abi.word_bits, signed),
        // s390 compat's pointers are 31 bits (`compat_ptr`).
        ArgKind::Pointer => (
            abi.word_bits.min(64 - abi.pointer_mask.leading_zeros()),
            false,
        ),
        ArgKind::Wide { signed } => (64, signed),
        ArgKind::LoHi => (64, false),
    };
    let lo_mask = if bits < 32 {
        (1u32 << bits) - 1
    } else {
        u32::MAX
    };
    let (lo, hi) = match hi_slot {
        // Two words: the low 32 bits of each slot.
        Some(hi) => (offset(abi, lo_slot, false), Some(offset(abi, hi, false))),
        // One register holding all 64 bits.
        None if bits == 64 => (
            offset(abi, lo_slot, false),
            Some(offset(abi, lo_slot, true)),
        ),
        None => (offset(abi, lo_slot, false), None),
    };
    Some(Operand {
        bits,
        signed,
        lo,
        hi,
        lo_mask,
    })
}

/// What `cond` comes to on `abi`, or `None` if it reads past `args[5]`.
fn check(rule: &Rule<'_>, cond: &Cond, abi: &Abi) -> Option<Check> {
    let meta = rule.syscall.args[cond.arg];
    let layout = rule.syscall.layout(abi)?;
    let op = operand(abi, meta.kind, layout.arg(cond.arg))?;
    let (min, max) = range(op.bits, op.signed);
    let v = cond.value;
    if v < min || v > max {
        // A value this ABI's type cannot hold (a `long` beyond 32 bits on a 32-bit ABI).
        let above = v > max;
        let holds = match cond.cmp {
            Cmp::Eq | Cmp::MaskedEq(_) => false,
            Cmp::Ne => true,
            Cmp::Lt | Cmp::Le => above,
            Cmp::Gt | Cmp::Ge => !above,
        };
        return Some(if holds { Check::Always } else { Check::Never });
    }
    // At the ends of the range an order comparison is decided without looking.
    match cond.cmp {
        Cmp::Ge if v == min => return Some(Check::Always),
        Cmp::Le if v == max => return Some(Check::Always),
        Cmp::Lt if v == min => return Some(Check::Never),
        Cmp::Gt if v == max => return Some(Check::Never),
        _ => {}
    }
    let width_mask = if op.bits == 64 {
        u64::MAX
    } else {
        (1u64 << op.bits) - 1
    };
    let cmp = match cond.cmp {
        Cmp::MaskedEq(mask) => Cmp::MaskedEq(mask & width_mask),
        cmp => cmp,
    };
    Some(Check::Code(op, cmp, (v as u64) & width_mask))
}

/// Whether `rule` applies on `abi`, and with which number (the ABI's bit included).
fn number(filter: &Filter<'_>, rule: &Rule<'_>, abi: &Abi) -> Option<u32> {
    rule.syscall.layout(abi)?;
    let nr = (filter.numbers)(abi, rule.syscall.name)?;
    Some(nr | abi.nr_bit as u32)
}

/// What `rule` comes to on `abi`: `None` if it can never match there, else whether it matches
/// every call (no condition left).
fn effect(rule: &Rule<'_>, abi: &Abi) -> Option<bool> {
    let mut unconditional = true;
    for cond in rule.when {
        match check(rule, cond, abi)? {
            Check::Always => {}
            Check::Never => return None,
            Check::Code(..) => unconditional = false,
        }
    }
    Some(unconditional)
}

pub(super) fn compile<const N: usize>(filter: &Filter<'_>) -> Result<Program<N>, Error> {
    let abis = filter.abis;
    let Some(first) = abis.first() else {
        return Err(Error::NoAbi);
    };
    if abis.iter().any(|abi| abi.endian != first.endian) {
        return Err(Error::MixedByteOrder);
    }
    for (r, rule) in filter.rules.iter().enumerate() {
        check_rule(r, rule)?;
        for (c, cond) in rule.when.iter().enumerate() {
            for abi in abis {
                let Some(layout) = rule.syscall.layout(abi) else {
                    continue;
                };
                if operand(abi, rule.syscall.args[cond.arg].kind, layout.arg(cond.arg)).is_none() {
                    return Err(Error::NotInSeccompData {
                        rule: r,
                        cond: c,
                        abi: abi.name,
                    });
                }
            }
        }
        if !abis.iter().any(|abi| number(filter, rule, abi).is_some()) {
            return Err(Error::NoAbiForRule {
                rule: r,
                syscall: rule.syscall.name,
            });
        }
    }

    // An ABI the rules are defined for but the number source knows nothing of (x32 with the
    // `syscalls` crate's tables) would let every call through to the default: refuse it.
    for abi in abis {
        let defined = filter.rules.iter().any(|r| r.syscall.layout(abi).is_some());
        let numbered = filter
            .rules
            .iter()
            .any(|r| number(filter, r, abi).is_some());
        if defined && !numbered {
            return Err(Error::NoNumbers { abi: abi.name });
        }
    }

    // One group per AUDIT_ARCH, in the order the ABIs are given: (the ABI without the number
    // bit, the ABI with it), either served or not.
    let mut groups: [(u32, Option<&Abi>, Option<&Abi>); 32] = [(0, None, None); 32];
    let mut ngroups = 0;
    for &abi in abis {
        let slot = match groups[..ngroups].iter().position(|g| g.0 == abi.audit_arch) {
            Some(i) => i,
            None => {
                if ngroups == groups.len() {
                    continue;
                }
                ngroups += 1;
                groups[ngroups - 1].0 = abi.audit_arch;
                ngroups - 1
            }
        };
        if abi.nr_bit == 0 {
            groups[slot].1 = Some(abi);
        } else {
            groups[slot].2 = Some(abi);
        }
    }
    let groups = &groups[..ngroups];

    let mut asm = Asm::<N>::new();
    let bad_arch = filter.bad_arch.value(first);
    asm.stmt(LD | W | ABS, 4);
    let mut entries = [Tgt::Next; 32];
    for (g, group) in groups.iter().enumerate() {
        if g + 1 < groups.len() {
            entries[g] = asm.label();
            asm.emit(JMP | JEQ | K, group.0, entries[g], Tgt::Next);
        } else {
            let bad = asm.ret(bad_arch);
            asm.emit(JMP | JEQ | K, group.0, Tgt::Next, bad);
        }
    }
    // The last group's block follows its check; then the others.
    let order = (groups.len() - 1..groups.len()).chain(0..groups.len() - 1);
    for g in order {
        asm.bind(entries[g]);
        let (_, plain, with_bit) = groups[g];
        asm.stmt(LD | W | ABS, 0);
        let shared = plain.or(with_bit).and_then(shared_arch);
        match (shared, plain, with_bit) {
            (Some((_, bit_abi)), plain, with_bit) => {
                let bit = bit_abi.nr_bit as u32;
                let bad = asm.ret(bad_arch);
                let plain_block = asm.label();
                let bit_block = if with_bit.is_some() { asm.label() } else { bad };
                if plain.is_some() {
                    // Numbers with the bit go to the bit's ABI; -1 (a tracer's skipped call)
                    // stays with the plain one, as libseccomp does.
                    asm.emit(JMP | JGE | K, bit, Tgt::Next, plain_block);
                    asm.emit(JMP | JEQ | K, u32::MAX, plain_block, bit_block);
                    asm.bind(plain_block);
                    numbers(&mut asm, filter, plain.unwrap_or(bit_abi));
                } else {
                    asm.emit(JMP | JGE | K, bit, bit_block, bad);
                }
                if let Some(abi) = with_bit {
                    asm.bind(bit_block);
                    numbers(&mut asm, filter, abi);
                }
            }
            (None, Some(abi), _) | (None, None, Some(abi)) => numbers(&mut asm, filter, abi),
            (None, None, None) => {}
        }
    }
    asm.finish(first.endian == Endian::Big)
}

/// The rules that apply on `abi` with number `nr` and can match there.
fn chain<'f, 'a>(
    filter: &'f Filter<'a>,
    abi: &'f Abi,
    nr: u32,
) -> impl Iterator<Item = (&'f Rule<'a>, bool)> + 'f {
    filter.rules.iter().filter_map(move |rule| {
        if number(filter, rule, abi) != Some(nr) {
            return None;
        }
        effect(rule, abi).map(|unconditional| (rule, unconditional))
    })
}

/// The number dispatch of one ABI (A holds the number), then each number's rule chain.
fn numbers<const N: usize>(asm: &mut Asm<N>, filter: &Filter<'_>, abi: &Abi) {
    let default = filter.default.value(abi);
    // The first rule of each number that can match, in rule order.
    let firsts = || {
        filter
            .rules
            .iter()
            .enumerate()
            .filter_map(move |(r, rule)| {
                let nr = number(filter, rule, abi)?;
                effect(rule, abi)?;
                let earlier = filter.rules[..r]
                    .iter()
                    .any(|e| number(filter, e, abi) == Some(nr) && effect(e, abi).is_some());
                (!earlier).then_some(nr)
            })
    };
    let count = firsts().count();
    if count == 0 {
        asm.stmt(RET | K, default);
        return;
    }
    // Return values first, so the chain labels below are consecutive.
    let default_ret = asm.ret(default);
    for nr in firsts() {
        if let Some((rule, true)) = chain(filter, abi, nr).next() {
            asm.ret(rule.action.value(abi));
        }
    }
    // A number whose chain is the same code as an earlier number's jumps to that one (as
    // libseccomp shares identical blocks): `twin[i]` is the earlier number's index.
    let conditional = |nr: u32| !matches!(chain(filter, abi, nr).next(), Some((_, true)));
    let twin = |i: usize, nr: u32| {
        firsts()
            .take(i)
            .position(|earlier| conditional(earlier) && same_chain(filter, abi, earlier, nr))
    };
    let first_label = asm.nlabels as u16;
    // Chains get consecutive labels, in order; a twin jumps to its original's, found by
    // counting the chains before it.
    let label_of = |i: usize| {
        let before = firsts()
            .take(i)
            .enumerate()
            .filter(|&(j, nr)| conditional(nr) && twin(j, nr).is_none())
            .count();
        Tgt::Label(first_label + before as u16)
    };
    for (i, nr) in firsts().enumerate() {
        let target = match chain(filter, abi, nr).next() {
            Some((rule, true)) => asm.ret(rule.action.value(abi)),
            _ => match twin(i, nr) {
                Some(j) => label_of(j),
                None => asm.label(),
            },
        };
        let otherwise = if i + 1 == count {
            default_ret
        } else {
            Tgt::Next
        };
        asm.emit(JMP | JEQ | K, nr, target, otherwise);
    }
    let mut label = first_label;
    for (i, nr) in firsts().enumerate() {
        let mut rules = chain(filter, abi, nr).peekable();
        if !conditional(nr) || twin(i, nr).is_some() {
            continue;
        }
        asm.bind(Tgt::Label(label));
        label += 1;
        while let Some((rule, unconditional)) = rules.next() {
            let action = rule.action.value(abi);
            if unconditional {
                asm.stmt(RET | K, action);
                break;
            }
            let last = rules.peek().is_none();
            let fail = if last { asm.ret(default) } else { asm.label() };
            let codes: usize = rule
                .when
                .iter()
                .filter(|c| matches!(check(rule, c, abi), Some(Check::Code(..))))
                .count();
            let mut done = 0;
            for cond in rule.when {
                let Some(Check::Code(op, cmp, value)) = check(rule, cond, abi) else {
                    continue;
                };
                done += 1;
                let pass = if done == codes {
                    asm.ret(action)
                } else {
                    asm.label()
                };
                compare(asm, op, cmp, value, pass, fail);
                if done < codes {
                    asm.bind(pass);
                }
            }
            if !last {
                asm.bind(fail);
            }
        }
    }
}

/// Whether numbers `a` and `b` have the same rule chain on `abi`: the same conditions after
/// folding, in the same order, with the same actions.
fn same_chain(filter: &Filter<'_>, abi: &Abi, a: u32, b: u32) -> bool {
    let checks = |rule: &Rule<'_>| {
        let mut out = [None; 16];
        let mut n = 0;
        for cond in rule.when {
            if let Some(Check::Code(op, cmp, value)) = check(rule, cond, abi) {
                if n == out.len() {
                    return None;
                }
                out[n] = Some((op, cmp, value));
                n += 1;
            }
        }
        Some(out)
    };
    let (mut x, mut y) = (chain(filter, abi, a), chain(filter, abi, b));
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some((ra, ua)), Some((rb, ub))) => {
                if ua != ub || ra.action.value(abi) != rb.action.value(abi) {
                    return false;
                }
                match (checks(ra), checks(rb)) {
                    (Some(ca), Some(cb)) if ca == cb => {}
                    _ => return false,
                }
                if ua {
                    return true;
                }
            }
            _ => return false,
        }
    }
}

/// Emits `op cmp value`, jumping to `t` if it holds and to `f` if not.
fn compare<const N: usize>(asm: &mut Asm<N>, op: Operand, cmp: Cmp, value: u64, t: Tgt, f: Tgt) {
    let ordered = !matches!(cmp, Cmp::Eq | Cmp::Ne | Cmp::MaskedEq(_));
    let flip = |bits: u32| {
        if ordered && op.signed {
            1u32 << (bits - 1)
        } else {
            0
        }
    };
    let (mask_lo, mask_hi) = match cmp {
        Cmp::MaskedEq(mask) => (mask as u32 & op.lo_mask, (mask >> 32) as u32),
        _ => (op.lo_mask, u32::MAX),
    };
    let load = |asm: &mut Asm<N>, offset: u32, mask: u32, flip: u32| {
        asm.stmt(LD | W | ABS, offset);
        if mask != u32::MAX {
            asm.stmt(ALU | AND | K, mask);
        }
        if flip != 0 {
            asm.stmt(ALU | XOR | K, flip);
        }
    };
    let lo_flip = if op.hi.is_none() { flip(op.bits) } else { 0 };
    let vl = (value as u32 & mask_lo) ^ lo_flip;
    // The low word's comparison (the whole value's, for a value of 32 bits or fewer).
    let low = |asm: &mut Asm<N>, t: Tgt, f: Tgt| {
        load(asm, op.lo, mask_lo, lo_flip);
        match cmp {
            Cmp::Eq | Cmp::MaskedEq(_) => asm.emit(JMP | JEQ | K, vl, t, f),
            Cmp::Ne => asm.emit(JMP | JEQ | K, vl, f, t),
            Cmp::Gt => asm.emit(JMP | JGT | K, vl, t, f),
            Cmp::Ge => asm.emit(JMP | JGE | K, vl, t, f),
            Cmp::Lt => asm.emit(JMP | JGE | K, vl, f, t),
            Cmp::Le => asm.emit(JMP | JGT | K, vl, f, t),
        }
    };
    let Some(hi) = op.hi else {
        low(asm, t, f);
        return;
    };
    let hi_flip = flip(32);
    let vh = ((value >> 32) as u32 & mask_hi) ^ hi_flip;
    let masked = matches!(cmp, Cmp::MaskedEq(_));
    if masked && mask_hi == 0 {
        low(asm, t, f);
        return;
    }
    load(asm, hi, mask_hi, hi_flip);
    // Where the low words cannot decide (a low word is never `> 0xffff_ffff`), the high words
    // decide alone: equal ones fail `>` and `<`, and pass `>=` and `<=`.
    let low_decided = matches!(
        (cmp, vl),
        (Cmp::Gt, u32::MAX) | (Cmp::Le, u32::MAX) | (Cmp::Ge, 0) | (Cmp::Lt, 0)
    );
    if low_decided {
        match cmp {
            Cmp::Gt => asm.emit(JMP | JGT | K, vh, t, f),
            Cmp::Ge => asm.emit(JMP | JGE | K, vh, t, f),
            Cmp::Lt => asm.emit(JMP | JGE | K, vh, f, t),
            _ => asm.emit(JMP | JGT | K, vh, f, t),
        }
        return;
    }
    match cmp {
        Cmp::Eq | Cmp::MaskedEq(_) => asm.emit(JMP | JEQ | K, vh, Tgt::Next, f),
        Cmp::Ne => asm.emit(JMP | JEQ | K, vh, Tgt::Next, t),
        Cmp::Gt | Cmp::Ge => {
            asm.emit(JMP | JGT | K, vh, t, Tgt::Next);
            asm.emit(JMP | JEQ | K, vh, Tgt::Next, f);
        }
        Cmp::Lt | Cmp::Le => {
            asm.emit(JMP | JGT | K, vh, f, Tgt::Next);
            asm.emit(JMP | JEQ | K, vh, Tgt::Next, t);
        }
    }
    if masked && mask_lo == 0 {
        // Only the high word is compared: it held.
        asm.emit(JMP | JA, 0, t, t);
        return;
    }
    low(asm, t, f);
}
