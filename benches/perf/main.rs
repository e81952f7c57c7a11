//! `cargo bench -p syscall-define-benches [-- stubs|dispatch|build ...]`: syscall-define against
//! hand-written C (`gcc -O2`) and hand-written Rust, printed as markdown tables.
//!
//! 1. **stubs**: for every ABI of the table and each system call, the instructions of the
//!    generated entry stub, of the same stub written in C (and, for the first five ABIs, in
//!    Rust), up to the return or tail jump, from `objdump`; the loads from the register file and
//!    which fields they read, against the fields the ABI's layout uses. Beforehand every stub
//!    runs on four random register files and must return what the C stub returns.
//! 2. **dispatch**: instructions per dispatched call (bounds check, clamp, table load, indirect
//!    call, stub, body) counted by callgrind: the generated table's `dispatch` and
//!    `dispatch_with(.., &mut NoHooks)`, a hand-written Rust `match`, and a Linux-style C table.
//! 3. **build**: a crate of Linux's system calls (`data/linux_syscalls.txt`) defined with
//!    `#[syscall_define]`, against the same crate with the expansion written out; and the
//!    expander's own time per system call. Built in a temporary directory.
//!
//! Needs gcc, binutils (objdump, nm) and valgrind. Instruction counts are exact and repeatable;
//! build times are wall-clock on a shared machine: minimum and median of several runs.

mod build_cost;
mod kernel;
mod seccomp;
mod stubs;
mod tracer;

use std::collections::{BTreeSet, HashMap};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;

use syscall_define::Descriptor;
use syscall_define::abi::Abi;
use syscall_define::regs::*;
use syscall_define_benches::disasm::{self, Binary};

/// The calls each callgrind group makes; the count per call is the total divided by this.
const CALLS_PER_GROUP: u64 = 100;

/// callgrind dumps its counters each time this is entered (`--dump-before=sdb_mark`).
#[unsafe(no_mangle)]
#[inline(never)]
pub extern "C" fn sdb_mark() {
    // SAFETY: an empty asm statement (a comment): it only keeps the function and its calls.
    unsafe { core::arch::asm!("/* sdb_mark */", options(nomem, nostack, preserves_flags)) }
}

/// The five ABIs of the dispatch tables, as the bench names them (the C stubs' prefixes).
#[derive(Clone, Copy)]
struct AbiInfo {
    key: &'static str,
}

const ABIS: [AbiInfo; 5] = [
    AbiInfo { key: "x64" },
    AbiInfo { key: "ia32" },
    AbiInfo { key: "arm64" },
    AbiInfo { key: "arm" },
    AbiInfo { key: "riscv" },
];

/// One ABI of the stub table: every ABI of the table, with its generic hooks on the register
/// file an x86-64 kernel would save for it (`ExportRegs`).
struct BenchAbi {
    abi: &'static Abi,
    /// The facade's type name, as the exported generated stubs name it.
    tag: &'static str,
    /// The generated stubs' results on the check's register file of `round`.
    run: fn(round: u64) -> Vec<u64>,
    /// The byte offsets in the register file of the slots a descriptor's layout uses, in slot
    /// order.
    used: fn(&Descriptor) -> Vec<usize>,
    /// The register-file type's name.
    regs: fn() -> &'static str,
}

macro_rules! bench_abis {
    ($($konst:ident => $tag:ident,)*) => {
        const BENCH_ABIS: &[BenchAbi] = &[$(BenchAbi {
            abi: &syscall_define::abi::$konst,
            tag: stringify!($tag),
            run: |round| {
                let regs = fill_keyed::<<$tag as ExportRegs>::Regs>(
                    syscall_define::abi::$konst.stub_prefix,
                    round,
                );
                stubs::run_generated::<$tag>(&regs)
            },
            used: used_offsets::<$tag, <$tag as ExportRegs>::Regs>,
            regs: std::any::type_name::<<$tag as ExportRegs>::Regs>,
        }),*];
    };
}
syscall_define::abi::for_each_abi!(bench_abis);

/// The name of the register-file byte offset `offset` of `abi`: its argument slot's, or the
/// offset.
fn offset_name(abi: &BenchAbi, offset: usize, descriptor: &Descriptor) -> String {
    let used = (abi.used)(descriptor);
    let layout = descriptor.layout(abi.abi).expect("emitted for every ABI");
    let slots: Vec<usize> = (0..abi.abi.max_words())
        .filter(|&s| layout.uses(s))
        .collect();
    match used.iter().position(|&o| o == offset) {
        Some(i) => abi.abi.arg_slots[slots[i]].to_string(),
        None => format!("+{offset:#x}"),
    }
}

/// FNV-1a of a string: the seed of a register file in the stub check, as `c/main.c` has it.
fn key_seed(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A register file whose every byte comes from splitmix64 seeded by the ABI's stub prefix and
/// the round: the same bytes as `fill_keyed` in `c/main.c`.
fn fill_keyed<R: Copy>(key: &str, round: u64) -> R {
    let mut state = key_seed(key).wrapping_add(round);
    let words: Vec<u64> = (0..size_of::<R>().div_ceil(8))
        .map(|_| splitmix64(&mut state))
        .collect();
    // SAFETY: the register files are `#[repr(C)]` structs of integers, no larger than `words`:
    // every byte pattern is one.
    unsafe { core::ptr::read_unaligned(words.as_ptr().cast::<R>()) }
}

/// The byte offset in `R` of ABI `A`'s argument slot `slot`.
fn slot_offset<A: AbiTag, R: ArgRegisters<A> + Copy>(slot: usize) -> usize {
    // SAFETY: as in `fill`: integers only.
    let mut regs: R = unsafe { core::mem::zeroed() };
    regs.set_arg_word(slot, 0x5a);
    // SAFETY: `R` is `size_of::<R>()` bytes of integers.
    let view =
        unsafe { core::slice::from_raw_parts((&raw const regs).cast::<u8>(), size_of::<R>()) };
    view.iter()
        .position(|&b| b != 0)
        .expect("every slot is a field")
}

/// The byte offsets of `R` that `descriptor`'s arguments use on ABI `A`, in slot order (padding
/// excluded).
fn used_offsets<A: AbiTag, R: ArgRegisters<A> + Copy>(descriptor: &Descriptor) -> Vec<usize> {
    let layout = descriptor
        .layout(A::ABI)
        .expect("stubs for every ABI were emitted");
    (0..A::ABI.max_words())
        .filter(|&slot| layout.uses(slot))
        .map(slot_offset::<A, R>)
        .collect()
}

/// splitmix64, as `c/main.c` has it.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A register file whose every 64-bit word comes from splitmix64 seeded by ABI and round: the
/// same bytes as `fill` in `c/main.c`.
fn fill<R: Copy>(abi: usize, round: u64) -> R {
    const { assert!(size_of::<R>().is_multiple_of(8) && size_of::<R>() <= 64 * 8) };
    let mut state = (abi as u64 + 1) * 1_000_003 + round;
    let words: Vec<u64> = (0..size_of::<R>() / 8)
        .map(|_| splitmix64(&mut state))
        .collect();
    // SAFETY: the register files are `#[repr(C)]` structs of integers, of this size: every
    // byte pattern is one.
    unsafe { core::ptr::read_unaligned(words.as_ptr().cast::<R>()) }
}

const DESCRIPTORS: [&Descriptor; 16] = [
    stubs::getpid::DESCRIPTOR,
    stubs::close::DESCRIPTOR,
    stubs::kill::DESCRIPTOR,
    stubs::read::DESCRIPTOR,
    stubs::openat::DESCRIPTOR,
    stubs::pread64::DESCRIPTOR,
    stubs::pwrite64::DESCRIPTOR,
    stubs::ftruncate64::DESCRIPTOR,
    stubs::readahead::DESCRIPTOR,
    stubs::fallocate::DESCRIPTOR,
    stubs::sync_file_range2::DESCRIPTOR,
    stubs::fanotify_mark::DESCRIPTOR,
    stubs::lseek::DESCRIPTOR,
    stubs::llseek::DESCRIPTOR,
    stubs::mmap::DESCRIPTOR,
    stubs::preadv2::DESCRIPTOR,
];

// ---------------------------------------------------------------------------------------------
// The C side.

struct Env {
    manifest: PathBuf,
    /// Kept between runs: the build-cost crates and their target directory.
    work: PathBuf,
    /// This run's: the C program, callgrind's output.
    run: PathBuf,
    cbench: PathBuf,
}

impl Drop for Env {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.run);
    }
}

fn command_output(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn first_line(cmd: &mut Command) -> String {
    cmd.output()
        .ok()
        .and_then(|o| {
            let text = String::from_utf8_lossy(&o.stdout).into_owned()
                + &String::from_utf8_lossy(&o.stderr);
            text.lines().next().map(str::to_string)
        })
        .unwrap_or_else(|| "(not found)".into())
}

fn setup() -> Env {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = std::env::temp_dir().join("syscall-define-benches");
    let run = work.join(format!("run-{}", std::process::id()));
    std::fs::create_dir_all(&run).expect("create the work directory");
    let cbench = run.join("cbench");
    let c = manifest.join("c");
    command_output(Command::new("gcc").arg("-O2").arg("-o").arg(&cbench).args([
        c.join("main.c"),
        c.join("stubs.c"),
        c.join("stubs_more.c"),
        c.join("sinks.s"),
    ]));
    Env {
        manifest,
        work,
        run,
        cbench,
    }
}

// ---------------------------------------------------------------------------------------------
// 1. Stubs.

type HandList<R> = &'static [(&'static str, extern "C" fn(&R) -> isize)];

/// The hand-written Rust stubs' results on the check's register file of `round`: only the first
/// five ABIs have them.
fn hand_results(prefix: &str, round: u64) -> Option<Vec<u64>> {
    fn run<R: Copy>(prefix: &str, round: u64, hand: HandList<R>) -> Vec<u64> {
        let regs: R = fill_keyed(prefix, round);
        hand.iter().map(|(_, stub)| stub(&regs) as u64).collect()
    }
    Some(match prefix {
        "__x64_sys_" => run(prefix, round, stubs::hand_x64::ALL),
        "__ia32_sys_" => run(prefix, round, stubs::hand_ia32::ALL),
        "__arm64_sys_" => run(prefix, round, stubs::hand_arm64::ALL),
        "__arm_sys_" => run(prefix, round, stubs::hand_arm::ALL),
        "__riscv_sys_" => run(prefix, round, stubs::hand_riscv::ALL),
        _ => return None,
    })
}

/// Runs every generated stub of every ABI (and the hand-written Rust ones where they exist) on
/// four random register files, and compares with what C's stubs return on the same bytes.
fn check_stubs(env: &Env) {
    let mut c = HashMap::new();
    for line in command_output(Command::new(&env.cbench).arg("check")).lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        c.insert(
            (f[0].to_string(), f[1].to_string(), f[2].parse().unwrap()),
            u64::from_str_radix(f[3], 16).unwrap(),
        );
    }
    for (d, (name, _)) in DESCRIPTORS.iter().zip(stubs::SYSCALLS) {
        assert_eq!(d.name, *name, "DESCRIPTORS is in SYSCALLS order");
    }
    let mut bad = Vec::new();
    let mut checked = 0;
    for info in BENCH_ABIS {
        let key = info.abi.stub_prefix;
        for round in 0..4 {
            let generated = (info.run)(round);
            let hand = hand_results(key, round);
            for (i, &(name, _)) in stubs::SYSCALLS.iter().enumerate() {
                let want = c.get(&(key.to_string(), name.to_string(), round)).copied();
                let h = hand.as_ref().map(|h| h[i]);
                checked += 1 + usize::from(h.is_some());
                if Some(generated[i]) != want || h.is_some_and(|h| Some(h) != want) {
                    bad.push(format!(
                        "{key}{name} round {round}: generated {:#x}, Rust {h:x?}, C {want:x?}",
                        generated[i]
                    ));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "the stubs disagree with C's:\n{}",
        bad.join("\n")
    );
    println!(
        "Checked first: on 4 random register files per ABI, all {} generated and hand-written Rust stubs ({} ABIs) return what the C stub returns.\n",
        checked / 4,
        BENCH_ABIS.len()
    );
}

/// Instructions and register-file loads of one stub.
struct Measured {
    insns: usize,
    loads: usize,
    words: BTreeSet<usize>,
    stores: usize,
    branches: usize,
    listing: Vec<String>,
}

fn measure(binary: &Binary, symbol: &str) -> Measured {
    let f = binary
        .function(symbol)
        .unwrap_or_else(|| panic!("no symbol {symbol}"));
    let l = disasm::loads(&f);
    Measured {
        insns: f.insns.len(),
        loads: l.count,
        words: l.words,
        stores: l.stores,
        branches: f.branches,
        listing: f.insns,
    }
}

fn names<'a>(
    abi: &BenchAbi,
    descriptor: &Descriptor,
    offsets: impl IntoIterator<Item = &'a usize>,
) -> String {
    offsets
        .into_iter()
        .map(|&o| offset_name(abi, o, descriptor))
        .collect::<Vec<_>>()
        .join(" ")
}

/// An instruction without its address operands and objdump's comments.
fn plain(insn: &str) -> String {
    let insn = insn.split(" #").next().unwrap_or(insn);
    let insn = insn.split(" <").next().unwrap_or(insn);
    if insn.starts_with('j') || insn.starts_with("call") {
        insn.split_whitespace().next().unwrap_or("").to_string()
    } else {
        insn.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// The instructions of `a` that `b` lacks, as multisets.
fn extra(a: &[String], b: &[String]) -> Vec<String> {
    let mut rest: Vec<String> = b.iter().map(|i| plain(i)).collect();
    let mut out = Vec::new();
    for insn in a.iter().map(|i| plain(i)) {
        match rest.iter().position(|r| *r == insn) {
            Some(at) => {
                rest.remove(at);
            }
            None => out.push(insn),
        }
    }
    out
}

/// Prints the stub table; returns the goals missed (a stub over C's count or reading a word its
/// layout does not use).
fn stubs_table(env: &Env) -> Vec<String> {
    check_stubs(env);
    let exe = std::env::current_exe().expect("the bench's path");
    let rust = Binary::load(&exe, |s| s.starts_with("sdb_") || s.starts_with("sd_sink"));
    let c = Binary::load(&env.cbench, |s| {
        s.starts_with("__") && s.contains("_sys_") || s.starts_with("sdb_")
    });
    println!(
        "### 1. Entry stubs: instructions (up to the return or tail jump) / loads from pt_regs\n"
    );
    println!(
        "Body inlined on both sides (Linux's `static inline __do_sys_*`, the macro's `#[inline(always)]` body), calling a sink in assembly (`c/sinks.s`, shared) with every argument as `u64`: a stub is loads, conversions and a tail jump. \"words\" are the register-file words the ABI's layout uses.\n"
    );
    println!(
        "| ABI | register file | system call | words | generated | Rust by hand | C by hand | |"
    );
    println!("|---|---|---|---|---:|---:|---:|---|");
    let mut problems = Vec::new();
    // Generated, Rust by hand and C over the five ABIs with hand-written Rust; generated and C
    // over all.
    let mut five = [0usize; 3];
    let mut all = [0usize; 2];
    let mut equal_or_fewer = [0usize; 2];
    for info in BENCH_ABIS {
        let regs = (info.regs)().rsplit("::").nth(1).unwrap_or("?");
        for (i, &(name, _)) in stubs::SYSCALLS.iter().enumerate() {
            let d = DESCRIPTORS[i];
            let in_order = (info.used)(d);
            let expected: BTreeSet<usize> = in_order.iter().copied().collect();
            let stub = format!("{}{name}", info.abi.stub_prefix);
            let g = measure(&rust, &format!("sdb_gen_{}_{name}", info.tag));
            let h = rust
                .function(&format!("sdb_rust{stub}"))
                .map(|_| measure(&rust, &format!("sdb_rust{stub}")));
            let cc = measure(&c, &stub);
            all[0] += g.insns;
            all[1] += cc.insns;
            if let Some(h) = &h {
                five[0] += g.insns;
                five[1] += h.insns;
                five[2] += cc.insns;
            }
            match g.insns.cmp(&cc.insns) {
                std::cmp::Ordering::Equal => equal_or_fewer[0] += 1,
                std::cmp::Ordering::Less => equal_or_fewer[1] += 1,
                std::cmp::Ordering::Greater => {}
            }
            let mut verdict = Vec::new();
            if g.insns > cc.insns {
                verdict.push(format!("**{} more than C**", g.insns - cc.insns));
            }
            if g.words != expected || g.loads != expected.len() {
                verdict.push(format!("**reads {}**", names(info, d, &g.words)));
            }
            if g.stores > 0 || g.branches > 0 {
                verdict.push(format!("**{} stores, {} branches**", g.stores, g.branches));
            }
            for (who, m) in [("Rust", h.as_ref()), ("C", Some(&cc))] {
                if let Some(m) = m
                    && m.words != expected
                {
                    verdict.push(format!("({who} reads {})", names(info, d, &m.words)));
                }
            }
            let ok = verdict.is_empty();
            if !ok {
                problems.push((
                    stub.clone(),
                    verdict.join(", "),
                    g.listing.clone(),
                    cc.listing,
                ));
            }
            let hand = h.map_or_else(|| "—".to_string(), |h| format!("{} / {}", h.insns, h.loads));
            println!(
                "| {} | {regs} | {name} | {} ({}) | {} / {} | {hand} | {} / {} | {} |",
                info.abi.name,
                expected.len(),
                names(info, d, &in_order),
                g.insns,
                g.loads,
                cc.insns,
                cc.loads,
                if ok {
                    "ok".to_string()
                } else {
                    verdict.join(", ")
                }
            );
        }
    }
    let n = BENCH_ABIS.len() * stubs::SYSCALLS.len();
    println!(
        "| five ABIs | | {} stubs | | {} | {} | {} | |",
        5 * stubs::SYSCALLS.len(),
        five[0],
        five[1],
        five[2]
    );
    println!(
        "| all {} ABIs | | {n} stubs | | {} | | {} | {} equal, {} fewer |\n",
        BENCH_ABIS.len(),
        all[0],
        all[1],
        equal_or_fewer[0],
        equal_or_fewer[1]
    );
    if problems.is_empty() {
        println!(
            "Every generated stub: instructions ≤ C's, one load per register word used, no other word read, no store, no branch.\n"
        );
    } else {
        println!(
            "{} generated stubs lose to C or read too much. What each has that C's has not (instructions without addresses):\n",
            problems.len()
        );
        for (stub, verdict, generated, c) in &problems {
            println!(
                "- `{stub}`: {verdict}: `{}`",
                extra(generated, c).join("`, `")
            );
        }
        println!("\nThe first two in full (generated, then C):\n\n```text");
        for (stub, _, generated, c) in problems.iter().take(2) {
            println!("{stub}:");
            for line in generated {
                println!("    {line}");
            }
            println!("  ---");
            for line in c {
                println!("    {line}");
            }
        }
        println!("```\n");
    }
    let missed = problems
        .iter()
        .map(|(stub, verdict, _, _)| format!("stubs: `{stub}`: {verdict}"))
        .collect();
    let example = "__arm_sys_pread64";
    println!("For example `{example}` (generated, then C):\n\n```text");
    for line in measure(&rust, "sdb_gen_Arm_pread64").listing {
        println!("{line}");
    }
    println!("---");
    for line in measure(&c, example).listing {
        println!("{line}");
    }
    println!("```\n");
    missed
}

// ---------------------------------------------------------------------------------------------
// 2. Dispatch.

/// In the callgrind child: for each group `variant:abi:nr`, a mark, then `k` calls.
fn callgrind_child(args: &[String]) {
    let k: u64 = args[0].parse().expect("calls per group");
    for group in &args[1..] {
        let parts: Vec<&str> = group.split(':').collect();
        let (variant, abi, nr) = (parts[0], parts[1], parts[2].parse::<isize>().unwrap());
        macro_rules! run {
            ($index:expr, $regs:ty, $f:expr) => {{
                let f: unsafe fn(isize, &mut $regs) -> isize = $f;
                let mut regs: $regs = fill($index, 0);
                sdb_mark();
                for _ in 0..k {
                    // SAFETY: the bench plays the entry code; the bodies only call the sinks.
                    black_box(unsafe { black_box(f)(black_box(nr), &mut regs) });
                }
            }};
        }
        use stubs::*;
        match (variant, abi) {
            ("table", "x64") => run!(0, x86_64::PtRegs, sdb_measure_table_x64),
            ("hooks", "x64") => run!(0, x86_64::PtRegs, sdb_measure_hooks_x64),
            ("match", "x64") => run!(0, x86_64::PtRegs, sdb_measure_match_x64),
            ("table", "ia32") => run!(1, x86_64::PtRegs, sdb_measure_table_ia32),
            ("hooks", "ia32") => run!(1, x86_64::PtRegs, sdb_measure_hooks_ia32),
            ("match", "ia32") => run!(1, x86_64::PtRegs, sdb_measure_match_ia32),
            ("table", "arm64") => run!(2, arm64::PtRegs, sdb_measure_table_arm64),
            ("hooks", "arm64") => run!(2, arm64::PtRegs, sdb_measure_hooks_arm64),
            ("match", "arm64") => run!(2, arm64::PtRegs, sdb_measure_match_arm64),
            ("table", "arm") => run!(3, arm64::PtRegs, sdb_measure_table_arm),
            ("hooks", "arm") => run!(3, arm64::PtRegs, sdb_measure_hooks_arm),
            ("match", "arm") => run!(3, arm64::PtRegs, sdb_measure_match_arm),
            ("table", "riscv") => run!(4, riscv64::PtRegs, sdb_measure_table_riscv),
            ("hooks", "riscv") => run!(4, riscv64::PtRegs, sdb_measure_hooks_riscv),
            ("match", "riscv") => run!(4, riscv64::PtRegs, sdb_measure_match_riscv),
            _ => panic!("unknown group {group}"),
        }
    }
    sdb_mark();
}

/// Runs `program args` under callgrind, counting only inside `sdb_measure_*`, and returns the
/// instructions per call of each group.
fn callgrind(env: &Env, label: &str, program: &Path, args: &[String], groups: usize) -> Vec<u64> {
    let out = env.run.join(format!("callgrind.{label}.out"));
    let _ = std::fs::remove_file(&out);
    let status = Command::new("valgrind")
        .args([
            "--tool=callgrind",
            "--collect-atstart=no",
            "--toggle-collect=sdb_measure_*",
            "--dump-before=sdb_mark",
            "--combine-dumps=yes",
            "--dump-instr=no",
            "--compress-strings=no",
            "--compress-pos=no",
        ])
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("valgrind runs");
    assert!(status.success(), "valgrind {program:?} failed");
    let text = std::fs::read_to_string(&out).expect("callgrind output");
    // One `totals:` line per dump: the first dump (at the first mark) holds nothing collected,
    // dump g + 1 holds group g, and the last one (at the final mark) nothing again.
    let totals: Vec<u64> = text
        .lines()
        .filter_map(|l| l.strip_prefix("totals:"))
        .map(|t| t.trim().parse().unwrap_or(0))
        .collect();
    assert!(
        totals.len() > groups,
        "callgrind gave {} dumps for {groups} groups",
        totals.len()
    );
    totals[1..=groups]
        .iter()
        .map(|&t| {
            assert!(
                t.is_multiple_of(CALLS_PER_GROUP),
                "{t} instructions are not {CALLS_PER_GROUP} equal calls"
            );
            t / CALLS_PER_GROUP
        })
        .collect()
}

/// Instruction text without addresses, to compare two functions' code.
fn normalized(binary: &Binary, symbol: &str) -> Vec<String> {
    binary
        .listing(symbol)
        .iter()
        .map(|i| {
            let i = i.split(" #").next().unwrap_or(i);
            let i = i.split(" <").next().unwrap_or(i);
            if i.starts_with('j') || i.starts_with("call") {
                i.split_whitespace().next().unwrap_or("").to_string()
            } else {
                i.to_string()
            }
        })
        .collect()
}

/// Prints the dispatch table; returns the goals missed (a call costing more than C's, or hooks
/// off costing anything).
fn dispatch_table(env: &Env) -> Vec<String> {
    // Numbers: every listed call, one unlisted (1: not in the table), one out of range (1000).
    let mut numbers: Vec<(String, isize)> = stubs::SYSCALLS
        .iter()
        .map(|&(name, nr)| (name.to_string(), nr as isize))
        .collect();
    numbers.push(("(unlisted: -ENOSYS)".into(), 1));
    numbers.push(("(out of range: -ENOSYS)".into(), 1000));
    let variants = ["table", "hooks", "match"];
    let mut rust_groups = Vec::new();
    let mut c_groups = Vec::new();
    for info in &ABIS {
        for (_, nr) in &numbers {
            for v in variants {
                rust_groups.push(format!("{v}:{}:{nr}", info.key));
            }
            c_groups.push(format!("{}:{nr}", info.key));
        }
    }
    let exe = std::env::current_exe().expect("the bench's path");
    let mut args = vec!["--callgrind-child".to_string(), CALLS_PER_GROUP.to_string()];
    args.extend(rust_groups.iter().cloned());
    let rust = callgrind(env, "rust", &exe, &args, rust_groups.len());
    let mut args = vec!["measure".to_string(), CALLS_PER_GROUP.to_string()];
    args.extend(c_groups.iter().cloned());
    let c = callgrind(env, "c", &env.cbench, &args, c_groups.len());

    println!("### 2. Dispatch: instructions per call (callgrind)\n");
    println!(
        "One call of the measured function: bounds check, `array_index_nospec` clamp, table load, indirect call (or the match's jump), stub, body, sink; {CALLS_PER_GROUP} calls per cell, the count is exact. Table of {} slots; C: Linux-style `sys_call_table[]` of hand-written stubs, `gcc -O2`.\n",
        stubs::NR_SYSCALLS
    );
    println!(
        "| ABI | system call | C table | generated `dispatch` | `dispatch_with(NoHooks)` | Rust `match` | generated − C |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|");
    let mut sums = [0u64; 4];
    let mut hooks_extra = 0i64;
    let mut worst = 0i64;
    for (a, info) in ABIS.iter().enumerate() {
        for (n, (name, nr)) in numbers.iter().enumerate() {
            let row = a * numbers.len() + n;
            let (t, h, m) = (rust[row * 3], rust[row * 3 + 1], rust[row * 3 + 2]);
            let cc = c[row];
            sums[0] += cc;
            sums[1] += t;
            sums[2] += h;
            sums[3] += m;
            hooks_extra += h as i64 - t as i64;
            worst = worst.max(t as i64 - cc as i64);
            println!(
                "| {} | {name} ({nr}) | {cc} | {t} | {h} | {m} | {:+} |",
                info.key,
                t as i64 - cc as i64
            );
        }
    }
    println!(
        "| all | {} calls | {} | {} | {} | {} | {:+} |\n",
        ABIS.len() * numbers.len(),
        sums[0],
        sums[1],
        sums[2],
        sums[3],
        sums[1] as i64 - sums[0] as i64
    );
    println!(
        "Hooks off: `dispatch_with(.., &mut NoHooks)` − `dispatch` = {hooks_extra:+} instructions over all {} calls.",
        ABIS.len() * numbers.len()
    );
    let rust_bin = Binary::load(&exe, |s| s.starts_with("sdb_measure_"));
    let c_bin = Binary::load(&env.cbench, |s| s.starts_with("sdb_measure_"));
    let mut identical = Vec::new();
    for info in &ABIS {
        let plain = format!("sdb_measure_table_{}", info.key);
        let hooks = format!("sdb_measure_hooks_{}", info.key);
        let same_address = rust_bin.aliases(&plain).contains(&hooks);
        let same_code = normalized(&rust_bin, &plain) == normalized(&rust_bin, &hooks);
        identical.push(format!(
            "{}: {}",
            info.key,
            if same_address {
                "one function (merged)"
            } else if same_code {
                "identical code"
            } else {
                "DIFFERENT code"
            }
        ));
    }
    println!(
        "Their machine code, per ABI: {}. Worst generated − C over all cells: {worst:+}.\n",
        identical.join("; ")
    );
    println!("The x86-64 dispatchers, whole (generated `dispatch`, then C):\n\n```text");
    for line in rust_bin.listing("sdb_measure_table_x64") {
        println!("{line}");
    }
    println!("---");
    for line in c_bin.listing("sdb_measure_c_x64") {
        println!("{line}");
    }
    println!("```\n");
    let mut missed = Vec::new();
    if worst > 0 {
        missed.push(format!(
            "dispatch: a call costs {worst:+} instructions over C's"
        ));
    }
    if hooks_extra != 0 {
        missed.push(format!(
            "dispatch: hooks off cost {hooks_extra:+} instructions"
        ));
    }
    missed
}

// ---------------------------------------------------------------------------------------------

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!(
        "{cores} cores, {cpu}; {}; {}; {}",
        first_line(Command::new("rustc").arg("--version")),
        first_line(Command::new("gcc").arg("--version")),
        first_line(Command::new("valgrind").arg("--version")),
    )
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--callgrind-child") {
        callgrind_child(&args[at + 1..]);
        return;
    }
    let parts: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .map(String::as_str)
        .collect();
    let wants = |part: &str| parts.is_empty() || parts.contains(&part);
    let env = setup();
    println!("## syscall-define benchmarks\n");
    println!("Machine: {}.\n", machine());
    let mut missed = Vec::new();
    if wants("stubs") {
        missed.extend(stubs_table(&env));
    }
    if wants("dispatch") {
        missed.extend(dispatch_table(&env));
    }
    if wants("build") {
        missed.extend(build_cost::run(&env.manifest, &env.work));
    }
    if wants("seccomp") {
        missed.extend(seccomp::run(&env.manifest));
    }
    if wants("kernel") {
        missed.extend(kernel::run());
    }
    if wants("tracer") {
        missed.extend(tracer::run(&env.manifest, &env.work));
    }
    // A missed goal fails the run, so a generator change that costs an instruction is loud.
    if missed.is_empty() {
        println!("All goals met.");
    } else {
        println!("### Goals missed\n");
        for goal in &missed {
            println!("- {goal}");
        }
        std::process::exit(1);
    }
}
