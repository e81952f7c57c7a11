//! The seccomp filter builder, held to the meaning of its rules: on every ABI, random policies
//! over arguments of every kind, and random calls at the boundaries, run through the generated
//! BPF ([`syscall_define::seccomp::run`], which checks programs as the kernel does) must give the
//! verdict that evaluating the rules on the decoded, typed argument values gives.
//!
//! The calls are built as user space builds them (`Layout::pack`: pairs split in the ABI's half
//! order, narrow values extended the ABI's way), then the upper halves of registers the type
//! does not use are filled with garbage, as the kernel may see them.

use syscall_define::abi::{self, Abi, ArgKind};

#[path = "seccomp_values.rs"]
mod seccomp_values;
use seccomp_values::{bits_and_sign, fits};
use syscall_define::seccomp::{self, Action, Cmp, Cond, Filter, Program, Rule, SeccompData, arg};
use syscall_define::{Descriptor, Errno, LoHi, UserPtr, syscall_define};

#[syscall_define(abi(all))]
fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> isize {
    let _ = (fd, buf, count, pos);
    0
}

#[syscall_define(abi(all))]
fn fallocate(fd: i32, mode: i32, offset: i64, len: i64) -> isize {
    let _ = (fd, mode, offset, len);
    0
}

#[syscall_define(abi(all))]
fn narrow(a: i8, b: u16, c: i16, d: u8, e: isize) -> isize {
    let _ = (a, b, c, d, e);
    0
}

#[syscall_define(abi(all))]
fn preadv(fd: u32, vec: UserPtr<u8>, vlen: usize, pos: LoHi) -> isize {
    let _ = (fd, vec, vlen, pos);
    0
}

#[syscall_define(abi(all))]
fn truncate64(path: UserPtr<u8>, length: u64) -> isize {
    let _ = (path, length);
    0
}

/// Random policies per ABI (each checked on 40 random calls).
const POLICIES: usize = 200;

const SYSCALLS: [&Descriptor; 5] = [
    pread64::DESCRIPTOR,
    fallocate::DESCRIPTOR,
    narrow::DESCRIPTOR,
    preadv::DESCRIPTOR,
    truncate64::DESCRIPTOR,
];

/// Numbers of our own, the same on every ABI: these tests are about the code, not the tables.
fn numbers(_: &Abi, name: &str) -> Option<u32> {
    SYSCALLS
        .iter()
        .position(|d| d.name == name)
        .map(|i| 100 + 7 * i as u32)
}

/// A small deterministic generator (xorshift64*), so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Values at the edges of every width, signed and not.
const EDGES: [i128; 22] = [
    0,
    1,
    2,
    -1,
    -2,
    0x7f,
    0x80,
    -0x80,
    0xff,
    0x7fff,
    0x8000,
    -0x8000,
    0xffff,
    0x7fff_ffff,
    0x8000_0000,
    -0x8000_0000,
    0xffff_ffff,
    0x1_0000_0000,
    0x1_0000_0001,
    i64::MAX as i128,
    i64::MIN as i128,
    u64::MAX as i128,
];

/// The rules, one a line: `pread64 [arg3 Ge 4294967296] -> Errno(EACCES)`.
fn show(rules: &[Rule<'_>]) -> String {
    rules
        .iter()
        .map(|r| {
            let conds: Vec<String> = r
                .when
                .iter()
                .map(|c| format!("arg{} {:?} {:#x}", c.arg, c.cmp, c.value))
                .collect();
            format!(
                "{} [{}] -> {:?}\n",
                r.syscall.name,
                conds.join(", "),
                r.action
            )
        })
        .collect()
}

/// A value the argument's type can hold on any ABI (what the builder accepts).
fn value_for(rng: &mut Rng, kind: ArgKind) -> i128 {
    let (bits, signed) = match kind {
        ArgKind::Int { bits, signed } => (u32::from(bits), signed),
        ArgKind::Long { signed } | ArgKind::Wide { signed } => (64, signed),
        ArgKind::Pointer | ArgKind::LoHi => (64, false),
    };
    loop {
        let v = if rng.below(4) == 0 {
            let raw = rng.next();
            if signed {
                raw as i64 as i128
            } else {
                raw as i128
            }
        } else {
            EDGES[rng.below(EDGES.len())]
        };
        if fits(v, bits, signed) {
            return v;
        }
    }
}

/// What the rule means, on the typed value `value` (as `decode_words` gives it: extended per
/// the kind) of an argument of `kind` on `abi`.
fn holds(cond: &Cond, kind: ArgKind, abi: &Abi, value: u64) -> bool {
    let (bits, signed) = bits_and_sign(kind, abi);
    let typed: i128 = if signed {
        value as i64 as i128
    } else {
        value as i128
    };
    let width = if bits == 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    };
    match cond.cmp {
        Cmp::Eq => typed == cond.value,
        Cmp::Ne => typed != cond.value,
        Cmp::Lt => typed < cond.value,
        Cmp::Le => typed <= cond.value,
        Cmp::Gt => typed > cond.value,
        Cmp::Ge => typed >= cond.value,
        Cmp::MaskedEq(mask) => {
            fits(cond.value, bits, signed)
                && value & mask & width == (cond.value as u64) & mask & width
        }
    }
}

fn verdict(
    filter_rules: &[Rule<'_>],
    default: Action,
    abi: &Abi,
    which: usize,
    values: &[u64],
) -> u32 {
    for rule in filter_rules {
        if rule.syscall.name != SYSCALLS[which].name {
            continue;
        }
        let all = rule
            .when
            .iter()
            .all(|c| holds(c, rule.syscall.args[c.arg].kind, abi, values[c.arg]));
        if all {
            return rule.action.value(abi);
        }
    }
    default.value(abi)
}

const ACTIONS: [Action; 5] = [
    Action::Errno(Errno::EACCES),
    Action::Errno(Errno::ENOSYS),
    Action::Trap(7),
    Action::KillProcess,
    Action::Log,
];

fn random_cond(rng: &mut Rng, syscall: &Descriptor) -> Cond {
    let index = rng.below(syscall.args.len());
    let kind = syscall.args[index].kind;
    let value = value_for(rng, kind);
    let a = arg(index);
    match rng.below(7) {
        0 => a.eq(value),
        1 => a.ne(value),
        2 => a.lt(value),
        3 => a.le(value),
        4 => a.gt(value),
        5 => a.ge(value),
        _ => {
            let (bits, _) = match kind {
                ArgKind::Int { bits, .. } => (u32::from(bits), false),
                _ => (64, false),
            };
            let mut mask = if rng.below(2) == 0 {
                rng.next()
            } else {
                1u64 << rng.below(bits as usize)
            };
            if bits < 64 {
                mask &= (1u64 << bits) - 1;
            }
            a.masked_eq(mask, value)
        }
    }
}

/// A random call of `syscall` on `abi`: typed values (some equal to the rule's values, so that
/// equality is hit), packed as user space passes them, with garbage in unused upper halves.
fn random_call(
    rng: &mut Rng,
    abi: &Abi,
    syscall: &Descriptor,
    conds: &[Cond],
) -> ([u64; 6], [u64; 6]) {
    let layout = syscall.layout(abi).expect("emitted for every ABI");
    let kinds: Vec<ArgKind> = syscall.args.iter().map(|a| a.kind).collect();
    let mut values = [0u64; 6];
    for (i, kind) in kinds.iter().enumerate() {
        let near: Vec<i128> = conds
            .iter()
            .filter(|c| c.arg == i)
            .map(|c| c.value)
            .collect();
        let v = match rng.below(3) {
            0 if !near.is_empty() => {
                let v = near[rng.below(near.len())];
                v + [-1, 0, 0, 1][rng.below(4)]
            }
            _ => value_for(rng, *kind),
        };
        values[i] = v as u64;
    }
    let mut words = layout.pack(abi, &kinds, &values);
    // What user space may leave in the rest of a register: the kernel never looks at it.
    for (slot, word) in words.iter_mut().enumerate().take(6) {
        let reader = layout
            .args()
            .iter()
            .zip(&kinds)
            .find(|(p, _)| p.reads(slot));
        let used_bits = match reader {
            _ if abi.register_bits == 32 => 32,
            Some((abi::Placement::One(_), kind)) => bits_and_sign(*kind, abi).0,
            Some((abi::Placement::LoHi { .. }, _)) if !abi.lohi_joined => 64,
            Some(_) => 32,
            None => 0,
        };
        if used_bits < 64 && rng.below(2) == 0 {
            let kept = if used_bits == 0 {
                0
            } else {
                *word & ((1u64 << used_bits) - 1)
            };
            *word = kept | (rng.next() << used_bits);
        }
    }
    // Decode as the entry stub would: the typed values the rules are about.
    let decoded = syscall
        .decode_words(abi, &words)
        .expect("words for every slot");
    let mut typed = [0u64; 6];
    typed.copy_from_slice(&decoded[..6]);
    let mut args = [0u64; 6];
    args.copy_from_slice(&words[..6]);
    (args, typed)
}

#[test]
fn verdicts_match_the_rules_on_every_abi() {
    let mut rng = Rng(0x5ecc_0b9f_0000_0001);
    let mut checked = 0usize;
    for abi in abi::ALL.iter().copied() {
        for _ in 0..POLICIES {
            // A policy: up to four rules over the five syscalls.
            let mut conds: Vec<Vec<Cond>> = Vec::new();
            let mut owners = Vec::new();
            for _ in 0..1 + rng.below(4) {
                let which = rng.below(SYSCALLS.len());
                let n = rng.below(4);
                conds.push(
                    (0..n)
                        .map(|_| random_cond(&mut rng, SYSCALLS[which]))
                        .collect(),
                );
                owners.push(which);
            }
            let rules: Vec<Rule<'_>> = owners
                .iter()
                .zip(&conds)
                .map(|(&which, when)| {
                    Rule::new(SYSCALLS[which], ACTIONS[rng.below(ACTIONS.len())]).when(when)
                })
                .collect();
            let default = Action::Allow;
            let abis = [abi];
            let filter = Filter::new(&abis, default).rules(&rules).numbers(numbers);
            let program: Program<512> = filter.compile().unwrap_or_else(|e| {
                panic!("{}: {e}\nrules:\n{}", abi.name, show(&rules));
            });
            for _ in 0..40 {
                let which = rng.below(SYSCALLS.len());
                let near: Vec<Cond> = rules
                    .iter()
                    .filter(|r| r.syscall.name == SYSCALLS[which].name)
                    .flat_map(|r| r.when.iter().copied())
                    .collect();
                let (args, typed) = random_call(&mut rng, abi, SYSCALLS[which], &near);
                let data = SeccompData {
                    nr: (numbers(abi, SYSCALLS[which].name).unwrap() | abi.nr_bit as u32) as i32,
                    arch: abi.audit_arch,
                    instruction_pointer: rng.next(),
                    args,
                };
                let expected = verdict(&rules, default, abi, which, &typed);
                let (got, _) = seccomp::run(program.instructions(), &data, program.big_endian())
                    .expect("the program passes the kernel's checks");
                assert_eq!(
                    got,
                    expected,
                    "{}: {} with args {args:#x?} (typed {typed:#x?})\nrules:\n{}program:\n{program}",
                    abi.name,
                    SYSCALLS[which].name,
                    show(&rules)
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, abi::ALL.len() * POLICIES * 40);
}

fn call(abi: &Abi, nr: u32, args: [u64; 6]) -> SeccompData {
    SeccompData {
        nr: nr as i32,
        arch: abi.audit_arch,
        instruction_pointer: 0x40_1000,
        args,
    }
}

/// x86-64 and x32 share `AUDIT_ARCH_X86_64`: an x32 number (bit 30) must not reach the x86-64
/// rules, whichever rules a policy has; -1 (a call a tracer skipped) stays with x86-64.
#[test]
fn the_x32_bit_is_never_an_x86_64_call() {
    let rules = [Rule::new(pread64::DESCRIPTOR, Action::Errno(Errno::EACCES))];
    let filter = Filter::new(&[&abi::X86_64], Action::Allow)
        .rules(&rules)
        .numbers(numbers)
        .bad_arch(Action::Trap(32));
    let program: Program<64> = filter.compile().unwrap();
    let x64 = &abi::X86_64;
    let nr = numbers(x64, "pread64").unwrap();
    assert_eq!(
        program.run(&call(x64, nr, [0; 6])),
        Action::Errno(Errno::EACCES).value(x64)
    );
    assert_eq!(
        program.run(&call(x64, nr + 1, [0; 6])),
        Action::Allow.value(x64)
    );
    // The same number with the x32 bit: the bad-arch action, not x86-64's rule or default.
    let x32_call = call(x64, nr | 0x4000_0000, [0; 6]);
    assert_eq!(program.run(&x32_call), Action::Trap(32).value(x64));
    assert_eq!(
        program.run(&call(x64, 0x4000_0000, [0; 6])),
        Action::Trap(32).value(x64)
    );
    assert_eq!(
        program.run(&call(x64, u32::MAX, [0; 6])),
        Action::Allow.value(x64)
    );

    // With x32 served too, its numbers reach its own rules.
    let filter = Filter::new(&[&abi::X86_64, &abi::X32], Action::Allow)
        .rules(&rules)
        .numbers(numbers);
    let program: Program<64> = filter.compile().unwrap();
    assert_eq!(
        program.run(&x32_call),
        Action::Errno(Errno::EACCES).value(&abi::X32)
    );
    assert_eq!(
        program.run(&call(x64, nr, [0; 6])),
        Action::Errno(Errno::EACCES).value(x64)
    );
    assert_eq!(
        program.run(&call(x64, (nr + 1) | 0x4000_0000, [0; 6])),
        Action::Allow.value(x64)
    );
}

/// One filter for a 64-bit kernel and its compat ABI: each `arch` gets its own numbers and
/// layouts; any other `arch` gets the bad-arch action.
#[test]
fn each_arch_gets_its_own_numbers_and_layouts() {
    let conds = [arg(3).ge(0x1_0000_0000)];
    let rules = [Rule::new(pread64::DESCRIPTOR, Action::Errno(Errno::EACCES)).when(&conds)];
    let filter = Filter::new(&[&abi::X86_64, &abi::IA32], Action::Allow).rules(&rules);
    let program: Program<64> = filter.compile().unwrap();
    let (x64, ia32) = (&abi::X86_64, &abi::IA32);
    let eacces = Action::Errno(Errno::EACCES);
    // Linux's numbers: x86-64 pread64 is 17, ia32's is 180 (`arch/x86/entry/syscalls/`).
    assert_eq!(seccomp::linux_number(x64, "pread64"), Some(17));
    assert_eq!(seccomp::linux_number(ia32, "pread64"), Some(180));
    assert_eq!(
        program.run(&call(x64, 17, [3, 0, 1, 0x1_0000_0000, 0, 0])),
        eacces.value(x64)
    );
    assert_eq!(
        program.run(&call(x64, 17, [3, 0, 1, 0xffff_ffff, 0, 0])),
        Action::Allow.value(x64)
    );
    // ia32: the pair is args[3] (low), args[4] (high).
    assert_eq!(
        program.run(&call(ia32, 180, [3, 0, 1, 0, 1, 0])),
        eacces.value(ia32)
    );
    assert_eq!(
        program.run(&call(ia32, 180, [3, 0, 1, 0xffff_ffff, 0, 0])),
        Action::Allow.value(ia32)
    );
    // ia32's number on x86-64 is another call (x86-64's 180 is nfsservctl): allowed.
    assert_eq!(
        program.run(&call(x64, 180, [3, 0, 1, 0, 1, 0])),
        Action::Allow.value(x64)
    );
    // arm is not served.
    let arm_call = call(&abi::ARM, 180, [3, 0, 1, 0, 0, 1]);
    assert_eq!(program.run(&arm_call), Action::KillProcess.value(x64));
    // `arch` is checked before anything else.
    assert_eq!(
        program.instructions()[0],
        seccomp::SockFilter::stmt(0x20, 4)
    );
}

/// More rules than a conditional jump reaches (255 instructions): far targets get trampolines,
/// and every number still gets its rule's verdict.
#[test]
fn far_targets_are_reached() {
    let nr = numbers(&abi::X86_64, "pread64").unwrap();
    // A chain of conditional rules: rule i matches fd == i; 300 of them.
    let conds: Vec<[Cond; 1]> = (0..300).map(|i| [arg(0).eq(i)]).collect();
    let rules: Vec<Rule<'_>> = conds
        .iter()
        .enumerate()
        .map(|(i, c)| Rule::new(pread64::DESCRIPTOR, Action::Trace(i as u16)).when(c))
        .collect();
    let filter = Filter::new(&[&abi::X86_64], Action::Allow)
        .rules(&rules)
        .numbers(numbers);
    let program: Program<2048> = filter.compile().unwrap();
    assert!(
        program.instructions().len() > 600,
        "long enough to need trampolines"
    );
    assert!(
        program.instructions().iter().any(|i| i.code == 0x05),
        "some jump is a `ja` trampoline:\n{program}"
    );
    for fd in 0..301u64 {
        let expected = if fd < 300 {
            Action::Trace(fd as u16)
        } else {
            Action::Allow
        };
        assert_eq!(
            program.run(&call(&abi::X86_64, nr, [fd, 0, 0, 0, 0, 0])),
            expected.value(&abi::X86_64),
            "fd {fd}"
        );
    }
}

#[test]
fn mistakes_are_errors() {
    let compile = |abis: &[&Abi], rules: &[Rule<'_>]| {
        Filter::new(abis, Action::Allow)
            .rules(rules)
            .numbers(numbers)
            .compile::<64>()
            .map(|_| ())
    };
    let x64: &[&Abi] = &[&abi::X86_64];
    assert_eq!(compile(&[], &[]), Err(seccomp::Error::NoAbi));
    assert_eq!(
        compile(&[&abi::X86_64, &abi::PPC64], &[]),
        Err(seccomp::Error::MixedByteOrder)
    );
    // `fd: u32` cannot be -1 (and `mode: i32` cannot be 2^31).
    let conds = [arg(1).eq(0), arg(0).eq(-1)];
    let err = compile(
        x64,
        &[Rule::new(pread64::DESCRIPTOR, Action::Allow).when(&conds)],
    );
    assert_eq!(
        err,
        Err(seccomp::Error::ValueOutOfRange {
            rule: 0,
            cond: 1,
            arg: "fd",
            ty: "u32"
        })
    );
    let conds = [arg(1).lt(0x8000_0000)];
    assert!(
        compile(
            x64,
            &[Rule::new(fallocate::DESCRIPTOR, Action::Allow).when(&conds)]
        )
        .is_err()
    );
    // A mask beyond a 16-bit type's bits.
    let conds = [arg(1).masked_eq(0x1_0000, 0)];
    assert!(
        compile(
            x64,
            &[Rule::new(narrow::DESCRIPTOR, Action::Allow).when(&conds)]
        )
        .is_err()
    );
    // pread64 has four arguments.
    let conds = [arg(4).eq(0)];
    let err = compile(
        x64,
        &[Rule::new(pread64::DESCRIPTOR, Action::Allow).when(&conds)],
    );
    assert_eq!(
        err,
        Err(seccomp::Error::NoSuchArgument {
            rule: 0,
            cond: 0,
            syscall: "pread64"
        })
    );
    // A call no served ABI numbers.
    let err = Filter::new(x64, Action::Allow)
        .rules(&[Rule::new(narrow::DESCRIPTOR, Action::Allow)])
        .compile::<64>()
        .map(|_| ());
    assert_eq!(
        err,
        Err(seccomp::Error::NoAbiForRule {
            rule: 0,
            syscall: "narrow"
        })
    );
    // x32 served with the default numbers, which have no x32 table: every call would reach the
    // default action.
    let err = Filter::new(&[&abi::X86_64, &abi::X32], Action::Allow)
        .rules(&[Rule::new(pread64::DESCRIPTOR, Action::Log)])
        .compile::<64>()
        .map(|_| ());
    assert_eq!(err, Err(seccomp::Error::NoNumbers { abi: "x32" }));
    // Too small a buffer.
    let err = Filter::new(x64, Action::Allow)
        .rules(&[Rule::new(pread64::DESCRIPTOR, Action::Log)])
        .numbers(numbers)
        .compile::<3>()
        .map(|_| ());
    assert_eq!(err, Err(seccomp::Error::TooLong { capacity: 3 }));
}

/// A `long` compared with a value beyond 32 bits is decided without a load on a 32-bit ABI
/// (its `long` cannot hold the value), and compared on x86-64.
#[test]
fn a_long_beyond_32_bits_on_a_32_bit_abi() {
    let conds = [arg(2).gt(0xffff_ffff)];
    let rules = [Rule::new(pread64::DESCRIPTOR, Action::Errno(Errno::E2BIG)).when(&conds)];
    let filter = Filter::new(&[&abi::X86_64, &abi::IA32], Action::Allow)
        .rules(&rules)
        .numbers(numbers);
    let program: Program<64> = filter.compile().unwrap();
    let nr = numbers(&abi::IA32, "pread64").unwrap();
    let big = [3, 0, 0x1_0000_0000, 0, 0, 0];
    assert_eq!(
        program.run(&call(&abi::X86_64, nr, big)),
        Action::Errno(Errno::E2BIG).value(&abi::X86_64)
    );
    assert_eq!(
        program.run(&call(&abi::IA32, nr, big)),
        Action::Allow.value(&abi::IA32)
    );
    assert_eq!(
        program.run(&call(&abi::IA32, nr, [3, 0, u64::MAX, 0, 0, 0])),
        Action::Allow.value(&abi::IA32)
    );
}

/// An errno action is numbered as the calling ABI numbers it (mips: ENOSYS is 89).
#[test]
fn errno_numbers_are_the_abis() {
    let rules = [Rule::new(pread64::DESCRIPTOR, Action::Errno(Errno::ENOSYS))];
    let filter = Filter::new(&[&abi::MIPS_O32], Action::Allow).rules(&rules);
    let program: Program<64> = filter.compile().unwrap();
    let nr = seccomp::linux_number(&abi::MIPS_O32, "pread64").unwrap();
    assert_eq!(nr, 4200);
    assert_eq!(
        program.run(&call(&abi::MIPS_O32, nr, [0; 6])),
        0x0005_0000 | 89
    );
}

/// Two calls with the same conditions (the same argument words, types and values) and the same
/// action share one block of code, as libseccomp's do; each still gets its verdict.
#[test]
fn identical_chains_are_shared() {
    let conds = [arg(0).eq(5)];
    let other = [arg(0).eq(6)];
    let shared = [
        Rule::new(pread64::DESCRIPTOR, Action::Errno(Errno::EACCES)).when(&conds),
        Rule::new(preadv::DESCRIPTOR, Action::Errno(Errno::EACCES)).when(&conds),
    ];
    let distinct = [
        Rule::new(pread64::DESCRIPTOR, Action::Errno(Errno::EACCES)).when(&conds),
        Rule::new(preadv::DESCRIPTOR, Action::Errno(Errno::EACCES)).when(&other),
    ];
    let compile = |rules: &[Rule<'_>]| -> Program<64> {
        Filter::new(&[&abi::X86_64], Action::Allow)
            .rules(rules)
            .numbers(numbers)
            .compile()
            .unwrap()
    };
    let (one, two) = (compile(&shared), compile(&distinct));
    // The second block (`ld [16]; jeq #6`) is gone.
    assert_eq!(
        one.instructions().len() + 2,
        two.instructions().len(),
        "{one}\n{two}"
    );
    let x64 = &abi::X86_64;
    for name in ["pread64", "preadv"] {
        let nr = numbers(x64, name).unwrap();
        let eacces = Action::Errno(Errno::EACCES).value(x64);
        assert_eq!(
            one.run(&call(x64, nr, [5, 0, 0, 0, 0, 0])),
            eacces,
            "{name}"
        );
        assert_eq!(
            one.run(&call(x64, nr, [6, 0, 0, 0, 0, 0])),
            Action::Allow.value(x64),
            "{name}"
        );
    }
}
