//! The generated seccomp filters against libseccomp's (2.5, `libseccomp-dev`): the policies of
//! `seccomp_policies.rs`, built by `syscall_define::seccomp` and by `c/libseccomp_policies.c`
//! (the same policies written with libseccomp as a careful user would), must give the same
//! verdict on every probe call (`seccomp_policies::probes`: every number, the x32 bit, a foreign
//! arch, every condition's boundary values, garbage in the unused upper halves of x86-64
//! registers), both run by `seccomp::run`, which also holds them to the kernel's checks.
//! libseccomp's binary-tree programs (`SCMP_FLTATR_CTL_OPTIMIZE` 2) are held to the same.
//!
//! The one difference in meaning found is libseccomp's, and documented: `SCMP_A*_32` compares
//! the whole 64-bit register on x86-64 (libseccomp#383), where the kernel reads only the low
//! half of an `int`'s register. The C policies mask that half out; the test
//! `scmp_a_32_compares_the_upper_half_on_x86_64` asserts what the unmasked form does instead.

#[path = "seccomp_policies.rs"]
mod seccomp_policies;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use seccomp_policies::{Libseccomp, Policy, applies, probes};
use syscall_define::abi::{self, Placement};
use syscall_define::seccomp::{self, Action, Cmp, Disassembly, SeccompData, SockFilter};

fn libseccomp() -> &'static Libseccomp {
    static BUILT: OnceLock<Libseccomp> = OnceLock::new();
    BUILT.get_or_init(|| {
        Libseccomp::build(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("c/libseccomp_policies.c"),
            &Path::new(env!("CARGO_TARGET_TMPDIR")).join("libseccomp-test"),
        )
    })
}

fn show(d: &SeccompData) -> String {
    format!(
        "nr {:#x} arch {:#x} args {:#x?}",
        d.nr as u32, d.arch, d.args
    )
}

/// Runs a program that must pass the kernel's checks.
fn verdict(who: &str, program: &[SockFilter], call: &SeccompData) -> u32 {
    match seccomp::run(program, call, false) {
        Ok((value, _)) => value,
        Err(e) => panic!("{who}: {e} on {}\n{}", show(call), Disassembly(program)),
    }
}

#[test]
fn every_policy_has_its_libseccomp_programs() {
    let lib = libseccomp();
    let names = |dir: &Path| -> BTreeSet<String> {
        std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("a directory entry").file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".bpf"))
            .collect()
    };
    let mut expected: BTreeSet<String> = seccomp_policies::all().iter().map(Policy::file).collect();
    assert_eq!(expected.len(), 6 * 3, "six policies, three ABI sets each");
    assert_eq!(names(&lib.dir.join("bintree")), expected);
    expected.insert("args32_naive-x86_64.bpf".into());
    assert_eq!(names(&lib.dir), expected);
}

/// Every probe of every policy on every ABI set: our program and libseccomp's (default and
/// binary tree) give the same verdict. And the probes are not vacuous: on each ABI, each rule's
/// action and (for a conditional rule) the default come out of libseccomp's program for its
/// call, another arch is killed, and so is an x32 number in an x86-64 filter.
#[test]
fn libseccomp_agrees_on_every_probe() {
    let lib = libseccomp();
    let mut disagreements = Vec::new();
    let mut checked = 0usize;
    for policy in seccomp_policies::all() {
        let ours = policy.compile();
        let calls = probes(&policy);
        let tag = format!("{}-{}", policy.name, policy.arch);
        for (kind, theirs) in [
            ("libseccomp", lib.program(&policy)),
            ("libseccomp bintree", lib.tree(&policy)),
        ] {
            let mut seen = BTreeSet::new();
            for call in &calls {
                let want = verdict(&format!("ours {tag}"), ours.instructions(), call);
                let got = verdict(&format!("{kind} {tag}"), &theirs, call);
                seen.insert((call.arch, call.nr as u32, got));
                checked += 1;
                if want != got {
                    disagreements.push(format!(
                        "{tag}: {}: ours {want:#x}, {kind} {got:#x}",
                        show(call)
                    ));
                    if disagreements.len() == 1 {
                        disagreements.push(format!(
                            "ours:\n{}\n{kind}:\n{}",
                            Disassembly(ours.instructions()),
                            Disassembly(&theirs)
                        ));
                    }
                }
            }
            // Not vacuous.
            for &abi in policy.abis {
                for rule in policy.rules.iter().filter(|r| applies(r, abi)) {
                    let nr = seccomp::linux_number(abi, rule.syscall.name).unwrap();
                    let mut outcomes = vec![rule.action.value(abi)];
                    if !rule.when.is_empty() {
                        outcomes.push(policy.default.value(abi));
                    }
                    for value in outcomes {
                        assert!(
                            seen.contains(&(abi.audit_arch, nr, value)),
                            "{kind} {tag}: no probe of {} on {} gives {value:#x}",
                            rule.syscall.name,
                            abi.name
                        );
                    }
                }
            }
            let kill = Action::KillProcess.value(&abi::X86_64);
            assert!(
                seen.contains(&(abi::AARCH64.audit_arch, 63, kill)),
                "{kind} {tag}: aarch64 read"
            );
            if policy.abis.contains(&&abi::X86_64) {
                assert!(
                    seen.contains(&(abi::X86_64.audit_arch, 0x4000_0000, kill)),
                    "{kind} {tag}: x32"
                );
                // -1 (a call a tracer skipped) gets the default.
                let default = policy.default.value(&abi::X86_64);
                assert!(
                    seen.contains(&(abi::X86_64.audit_arch, u32::MAX, default)),
                    "{kind} {tag}: -1"
                );
            } else {
                assert!(
                    seen.contains(&(abi::X86_64.audit_arch, 0, kill)),
                    "{kind} {tag}: x86-64 unserved"
                );
            }
        }
    }
    assert!(checked > 18 * 2 * 1000, "{checked} probes");
    assert!(
        disagreements.is_empty(),
        "{} disagreements in {checked} probes:\n{}",
        disagreements.len() - 1,
        disagreements.join("\n")
    );
}

/// libseccomp#383, asserted: `SCMP_A0_32(SCMP_CMP_EQ, 1000)` (what the man page suggests for a
/// 32-bit argument) only makes the datum 32 bits; on x86-64 libseccomp still compares the
/// register's upper half, with 0. The kernel's `close` reads only the low half (its `fd` is an
/// `unsigned int`), so a call whose register holds garbage above bit 31 is a call with `fd`
/// 1000 to the kernel and to our filter, and not to libseccomp's: its equalities never hold
/// and its `>=` always does. `args32_naive-x86_64.bpf` is the `args32` policy written that way;
/// on every probe it gives our verdict where the conditioned argument's register is clean, and
/// exactly the forced outcome where it is not; our verdict never depends on the upper half.
#[test]
fn scmp_a_32_compares_the_upper_half_on_x86_64() {
    let lib = libseccomp();
    let policy = seccomp_policies::args32_x86_64();
    let ours = policy.compile();
    let naive = lib.naive();
    let x64 = &abi::X86_64;
    let (allow, ebadf, einval) = (0x7fff_0000, 0x0005_0009, 0x0005_0016);
    let call = |nr: u32, args: [u64; 6]| SeccompData {
        nr: nr as i32,
        arch: x64.audit_arch,
        instruction_pointer: 0x40_1000,
        args,
    };
    // close (3) with fd 1000, clean and with garbage above bit 31.
    let clean = call(3, [1000, 0, 0, 0, 0, 0]);
    let dirty = call(3, [0xdead_beef_0000_03e8, 0, 0, 0, 0, 0]);
    assert_eq!(verdict("ours", ours.instructions(), &clean), ebadf);
    assert_eq!(verdict("naive", &naive, &clean), ebadf);
    assert_eq!(verdict("ours", ours.instructions(), &dirty), ebadf);
    assert_eq!(verdict("naive", &naive, &dirty), allow);
    // fcntl (72) F_GETFD (1), with the upper half set: to libseccomp above 1024.
    let getfd = call(72, [3, 0xffff_ffff_0000_0001, 0, 0, 0, 0]);
    assert_eq!(verdict("ours", ours.instructions(), &getfd), allow);
    assert_eq!(verdict("naive", &naive, &getfd), einval);

    let mut differ = 0;
    for probe in probes(&policy) {
        let mut clean = probe;
        let mut forced = None;
        if probe.arch == x64.audit_arch {
            for rule in &policy.rules {
                if seccomp::linux_number(x64, rule.syscall.name) != Some(probe.nr as u32) {
                    continue;
                }
                let cond = rule.when[0];
                let layout = rule.syscall.layout(x64).unwrap();
                let Placement::One(slot) = layout.arg(cond.arg) else {
                    panic!("one register on x86-64");
                };
                let (bits, _) =
                    seccomp_policies::bits_and_sign(rule.syscall.args[cond.arg].kind, x64);
                assert!(bits <= 32, "args32 compares 32-bit and narrower arguments");
                let register = &mut clean.args[usize::from(slot)];
                let upper = *register >> 32 != 0;
                *register &= 0xffff_ffff;
                // Compared whole with a zero-extended datum: above every 32-bit value.
                forced = match cond.cmp {
                    _ if !upper => None,
                    Cmp::Eq | Cmp::Lt | Cmp::Le => Some(policy.default.value(x64)),
                    Cmp::Ne | Cmp::Gt | Cmp::Ge => Some(rule.action.value(x64)),
                    // A 32-bit mask looks at no upper bit.
                    Cmp::MaskedEq(_) => None,
                };
            }
        }
        let want = verdict("ours", ours.instructions(), &probe);
        assert_eq!(
            want,
            verdict("ours", ours.instructions(), &clean),
            "ours depends on an upper half: {}",
            show(&probe)
        );
        let got = verdict("naive", &naive, &probe);
        assert_eq!(
            got,
            forced.unwrap_or(want),
            "args32_naive on {} (ours {want:#x})",
            show(&probe)
        );
        differ += usize::from(got != want);
    }
    assert!(differ > 0, "the probes reach the difference");
}
