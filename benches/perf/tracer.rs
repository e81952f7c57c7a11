//! 6. **tracer**: the `strace` example's overhead against strace 6.1 on the same workloads with
//!    the trace to `/dev/null` (`-o /dev/null`): 200 000 `getpid` calls (a C program built here)
//!    and `find /usr -maxdepth 3`, each run untraced, under strace and under the example (built
//!    `--release`), alternating, wall-clock time of each run; min and median per tool, and our
//!    time over strace's.
//!
//!    Twice: as the scheduler places the processes (the tracer and its tracee on either of the
//!    machine's CPUs: every stop wakes the other process, and on a VM a wake-up across CPUs costs
//!    tens of microseconds, more than either tracer's own work), and with both pinned to one CPU
//!    (`sched_setaffinity` before the tracer starts, inherited by the tracee), which leaves the
//!    tracers' own work per stop.
//!
//!    The goal is judged on the pinned runs: our time at most strace's, beyond noise. Noise is
//!    measured, not assumed: the spread of strace's own runs (its median over its min). A minimum
//!    above strace's minimum by more than that spread, and by more than 3 %, is a missed goal.
//!    The free runs are shown, not judged: on a 2-CPU VM they measure where the scheduler put
//!    the two processes more than either tracer (strace's own minimum over `find` ranged from
//!    753 ms to 1078 ms between two runs of this bench on the same machine).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const GETPID_CALLS: u32 = 200_000;

/// The C workload: `n` getpid system calls (by `syscall(2)`, so nothing caches them).
const GETPID_C: &str = r#"#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 0;
    for (long i = 0; i < n; i++)
        syscall(SYS_getpid);
    return 0;
}
"#;

/// Builds the `strace` example with `--release` (in the workspace's target directory) and
/// returns its path.
fn build_example(manifest: &Path) -> Result<PathBuf, String> {
    let workspace = manifest.parent().expect("benches/ is in the workspace");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(workspace)
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "syscall-define-examples",
            "--example",
            "strace",
        ])
        .status()
        .map_err(|e| format!("cargo build: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build of the strace example: {status}"));
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace.join("target"));
    Ok(target.join("release/examples/strace"))
}

/// Who runs the workload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Runner {
    Untraced,
    Strace,
    Ours,
}

/// One run of `workload` under `runner`, stdout discarded; its wall-clock time.
fn run_once(
    runner: Runner,
    ours: &Path,
    workload: &[&str],
    pinned: bool,
) -> Result<Duration, String> {
    let mut command = match runner {
        Runner::Untraced => Command::new(workload[0]),
        Runner::Strace => {
            let mut c = Command::new("strace");
            c.args(["-o", "/dev/null", workload[0]]);
            c
        }
        Runner::Ours => {
            let mut c = Command::new(ours);
            c.args(["-o", "/dev/null", workload[0]]);
            c
        }
    };
    command
        .args(&workload[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if pinned {
        use std::os::unix::process::CommandExt;
        // SAFETY: sched_setaffinity(2) only, in the child; the tracer's tracee inherits it.
        unsafe {
            command.pre_exec(|| {
                let mut set: libc::cpu_set_t = std::mem::zeroed();
                libc::CPU_SET(0, &mut set);
                if libc::sched_setaffinity(0, size_of::<libc::cpu_set_t>(), &set) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let start = Instant::now();
    let status = command
        .status()
        .map_err(|e| format!("{runner:?} {workload:?}: {e}"))?;
    let elapsed = start.elapsed();
    if !status.success() {
        return Err(format!("{runner:?} {workload:?}: {status}"));
    }
    Ok(elapsed)
}

fn min_median(times: &mut [Duration]) -> (Duration, Duration) {
    times.sort();
    (times[0], times[times.len() / 2])
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1e3)
}

/// Runs the workloads; prints the table; returns the goals missed.
pub fn run(manifest: &Path, work: &Path) -> Vec<String> {
    println!("### The strace example against strace\n");
    let strace_version = super::first_line(Command::new("strace").arg("-V"));
    if !strace_version.starts_with("strace -- version") {
        return vec![format!(
            "strace is not installed (apt-get install -y strace): {strace_version}"
        )];
    }
    let ours = match build_example(manifest) {
        Ok(path) => path,
        Err(e) => return vec![e],
    };
    let dir = work.join("tracer");
    std::fs::create_dir_all(&dir).expect("create the work directory");
    let source = dir.join("getpid.c");
    let getpid = dir.join("getpid");
    std::fs::write(&source, GETPID_C).expect("write the workload");
    super::command_output(
        Command::new("gcc")
            .args(["-O2", "-o"])
            .arg(&getpid)
            .arg(&source),
    );
    let getpid = getpid.to_string_lossy().into_owned();
    let calls = GETPID_CALLS.to_string();
    let workloads: [(&str, Vec<&str>); 2] = [
        ("200 000 `getpid`", vec![getpid.as_str(), calls.as_str()]),
        (
            "`find /usr -maxdepth 3`",
            vec!["find", "/usr", "-maxdepth", "3"],
        ),
    ];

    println!("{strace_version}; each run's wall-clock time, min / median of the runs.\n");
    println!("| workload | CPUs | runs | untraced | strace | ours | ours / strace (min, median) |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    let mut missed = Vec::new();
    for (name, workload) in &workloads {
        for pinned in [false, true] {
            // Free placement is dominated by cross-CPU wake-ups: 200 000 getpid take about 25 s a
            // run there, so three runs of it.
            let runs = match (pinned, workload[0] == getpid) {
                (true, _) => 7,
                (false, false) => 5,
                (false, true) => 3,
            };
            let mut times: [Vec<Duration>; 3] = Default::default();
            let mut failed = None;
            'runs: for _ in 0..runs {
                for (i, runner) in [Runner::Untraced, Runner::Strace, Runner::Ours]
                    .into_iter()
                    .enumerate()
                {
                    match run_once(runner, &ours, workload, pinned) {
                        Ok(t) => times[i].push(t),
                        Err(e) => {
                            failed = Some(e);
                            break 'runs;
                        }
                    }
                }
            }
            if let Some(e) = failed {
                missed.push(e);
                continue;
            }
            let [untraced, strace, ours_times] = &mut times;
            let (u_min, u_med) = min_median(untraced);
            let (s_min, s_med) = min_median(strace);
            let (o_min, o_med) = min_median(ours_times);
            let ratio_min = o_min.as_secs_f64() / s_min.as_secs_f64();
            let ratio_med = o_med.as_secs_f64() / s_med.as_secs_f64();
            let cpus = if pinned { "one (pinned)" } else { "free" };
            println!(
                "| {name} | {cpus} | {runs} | {} / {} | {} / {} | {} / {} | {ratio_min:.3}, {ratio_med:.3} |",
                ms(u_min),
                ms(u_med),
                ms(s_min),
                ms(s_med),
                ms(o_min),
                ms(o_med),
            );
            let noise = (s_med.as_secs_f64() / s_min.as_secs_f64() - 1.0).max(0.03);
            if pinned && ratio_min > 1.0 + noise {
                missed.push(format!(
                    "tracer: {name} ({cpus} CPUs): our fastest run {} against strace's {} \
                     ({ratio_min:.3}×), beyond strace's own spread ({:.1} %)",
                    ms(o_min),
                    ms(s_min),
                    noise * 100.0
                ));
            }
        }
    }
    println!();
    missed
}
