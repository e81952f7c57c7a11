//! 4. **seccomp**: the policies of `tests/seccomp_policies.rs`, compiled by
//!    `syscall_define::seccomp` and by libseccomp (`tests/c/libseccomp_policies.c`, default and
//!    binary-tree programs): the instructions of each program, and the instructions
//!    `seccomp::run` executes per call over the policy's probe set (the same set
//!    `tests/libseccomp.rs` compares verdicts on; they are compared again here). Instruction
//!    counts are exact.

#[path = "../../tests/seccomp_policies.rs"]
mod seccomp_policies;

use std::path::Path;

use seccomp_policies::{Libseccomp, Policy, applies, probes};
use syscall_define::seccomp::{self, Disassembly, SeccompData, SockFilter};

/// One program over the probes.
struct Measured {
    len: usize,
    /// The mean and the most instructions executed per probe.
    mean: f64,
    max: usize,
    /// The mean over the probes of calls the policy names, on an ABI it serves.
    named_mean: f64,
    verdicts: Vec<u32>,
}

fn measure(program: &[SockFilter], calls: &[SeccompData], named: &[bool]) -> Measured {
    let mut total = 0usize;
    let mut max = 0usize;
    let mut named_total = 0usize;
    let mut verdicts = Vec::with_capacity(calls.len());
    for (call, &is_named) in calls.iter().zip(named) {
        let (verdict, steps) = seccomp::run(program, call, false)
            .unwrap_or_else(|e| panic!("{e}:\n{}", Disassembly(program)));
        total += steps;
        max = max.max(steps);
        if is_named {
            named_total += steps;
        }
        verdicts.push(verdict);
    }
    let named_count = named.iter().filter(|&&n| n).count().max(1);
    Measured {
        len: program.len(),
        mean: total as f64 / calls.len() as f64,
        max,
        named_mean: named_total as f64 / named_count as f64,
        verdicts,
    }
}

/// Whether `call` is one of the calls `policy` names, made with an ABI it serves.
fn is_named(policy: &Policy, call: &SeccompData) -> bool {
    policy.abis.iter().any(|abi| {
        abi.audit_arch == call.arch
            && policy.rules.iter().any(|r| {
                applies(r, abi)
                    && seccomp::linux_number(abi, r.syscall.name) == Some(call.nr as u32)
            })
    })
}

/// Prints the table; returns the goals missed (a program of ours longer than libseccomp's, or a
/// verdict that differs).
pub fn run(manifest: &Path) -> Vec<String> {
    let lib = Libseccomp::build(
        &manifest.join("../tests/c/libseccomp_policies.c"),
        &Path::new(env!("CARGO_TARGET_TMPDIR")).join("libseccomp-bench"),
    );
    println!("### 4. Seccomp filters: ours against libseccomp's\n");
    println!(
        "Each policy of `tests/seccomp_policies.rs` compiled by `syscall_define::seccomp` and, written with libseccomp {} as `tests/c/libseccomp_policies.c` has it, by libseccomp: its default program and its binary tree (`SCMP_FLTATR_CTL_OPTIMIZE` 2). Instructions in the program; instructions `seccomp::run` executes per call over the policy's probe set (every number to {}, the x32 bit, -1, aarch64, each condition's boundary values with clean, sign-extended and garbage upper halves): mean (max), and the mean over the calls the policy names. libseccomp needs one rule per aligned block of a range (no signed order, one comparison per argument and rule: `pread64`'s `pos > 0xffff_ffff` is 31 rules), and masks on x86-64 where the kernel reads only the low half of a register.\n",
        libseccomp_version(),
        seccomp_policies::SWEEP_TO
    );
    println!(
        "| policy | ABIs | rules | probes | ours | libseccomp | tree | ours − libseccomp | executed: ours | libseccomp | tree | named calls: ours | libseccomp | tree |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut missed = Vec::new();
    let mut longer = Vec::new();
    let mut totals = [0usize; 3];
    let (mut runs, mut differing) = (0usize, 0usize);
    for policy in seccomp_policies::all() {
        let program = policy.compile();
        let calls = probes(&policy);
        let named: Vec<bool> = calls.iter().map(|c| is_named(&policy, c)).collect();
        let ours = measure(program.instructions(), &calls, &named);
        let theirs_program = lib.program(&policy);
        let theirs = measure(&theirs_program, &calls, &named);
        let tree = measure(&lib.tree(&policy), &calls, &named);
        let tag = format!("{}-{}", policy.name, policy.arch);
        for (who, m) in [("libseccomp", &theirs), ("libseccomp's tree", &tree)] {
            let differ = ours
                .verdicts
                .iter()
                .zip(&m.verdicts)
                .filter(|(a, b)| a != b)
                .count();
            runs += calls.len();
            differing += differ;
            if differ > 0 {
                missed.push(format!(
                    "seccomp: `{tag}`: {differ} verdicts differ from {who}'s"
                ));
            }
        }
        totals[0] += ours.len;
        totals[1] += theirs.len;
        totals[2] += tree.len;
        let cell = |m: &Measured| format!("{:.1} ({})", m.mean, m.max);
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {:+} | {} | {} | {} | {:.1} | {:.1} | {:.1} |",
            policy.name,
            policy.arch,
            policy.rules.len(),
            calls.len(),
            ours.len,
            theirs.len,
            tree.len,
            ours.len as i64 - theirs.len as i64,
            cell(&ours),
            cell(&theirs),
            cell(&tree),
            ours.named_mean,
            theirs.named_mean,
            tree.named_mean,
        );
        if ours.len > theirs.len {
            missed.push(format!(
                "seccomp: `{tag}`: {} instructions, libseccomp's {} ({:+})",
                ours.len,
                theirs.len,
                ours.len as i64 - theirs.len as i64
            ));
            longer.push((tag, program, theirs_program));
        }
    }
    println!(
        "| all | | | | {} | {} | {} | {:+} | | | | | | |\n",
        totals[0],
        totals[1],
        totals[2],
        totals[0] as i64 - totals[1] as i64
    );
    if differing == 0 {
        println!("Verdicts: libseccomp's programs and ours agree on all {runs} probe runs.\n");
    } else {
        println!("Verdicts: **{differing} of {runs} probe runs differ** (goals missed, below).\n");
    }
    if longer.is_empty() {
        println!("Every program of ours is no longer than libseccomp's.\n");
    }
    for (tag, ours, theirs) in &longer {
        println!(
            "`{tag}` (ours, then libseccomp's):\n\n```text\n{ours}---\n{}```\n",
            Disassembly(theirs)
        );
    }
    let example = seccomp_policies::all()
        .into_iter()
        .find(|p| p.name == "args64" && p.arch == "ia32")
        .expect("a policy");
    println!(
        "For example `args64-ia32` (ours, then libseccomp's):\n\n```text\n{}---\n{}```\n",
        example.compile(),
        Disassembly(&lib.program(&example))
    );
    missed
}

/// libseccomp's version, from the library itself.
fn libseccomp_version() -> String {
    let out = std::process::Command::new("dpkg-query")
        .args(["-W", "-f", "${Version}", "libseccomp-dev"])
        .output();
    match out {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
        _ => "(version unknown)".into(),
    }
}
