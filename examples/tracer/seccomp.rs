//! `--seccomp POLICY`: a seccomp filter built from the tracer's definitions and installed in the
//! tracee before it runs (`PR_SET_NO_NEW_PRIVS`, then `seccomp(SECCOMP_SET_MODE_FILTER)`).
//!
//! A policy is rules separated by `;`, tried in order, an optional default (`allow` if not
//! given) and an optional action for calls of another ABI (`bad-arch`, `kill` if not given):
//!
//! ```text
//! pread64(pos > 0xffffffff) = EACCES; close(fd == 1000) = EPERM; getppid = trap; default = allow
//! ```
//!
//! - a rule is `NAME = ACTION` or `NAME(CONDITION, …) = ACTION`, all conditions holding;
//! - a condition is `ARG OP VALUE` with `ARG` an argument's name as the definition gives it (or
//!   its index), `OP` one of `== != < <= > >=`, or `ARG & MASK == VALUE`; values are decimal,
//!   `0x` hex or `0o` octal, with an optional `-`, and are compared on the argument's type;
//! - an action is `allow`, `log`, `kill` (the process), `kill-thread`, `trap` or `trap(N)`,
//!   `trace(N)`, `notify`, or an error: `EACCES` or `errno(13)`.
//!
//! The filter serves both of the tracer's ABIs (x86-64 and ia32, each with its own numbers and
//! argument layout); a call with any other `arch`, or an x32 number, gets the `bad-arch` action.

use syscall_define::Errno;
use syscall_define::abi::{self, Abi};
use syscall_define::seccomp::{self, Action, ArgRef, Cmp, Cond, Filter, Program, Rule};

use crate::table;

/// The kernel's limit on a filter's length.
pub const CAPACITY: usize = seccomp::MAX_INSNS;

/// A parsed policy: its rules (each per definition of the name: x86-64's and ia32's can
/// differ) and its default.
#[derive(Clone, Debug)]
pub struct Policy {
    rules: Vec<(&'static syscall_define::Descriptor, Vec<Cond>, Action)>,
    default: Action,
    bad_arch: Action,
}

impl Policy {
    /// Parses `text`; the error names the rule and says what is wrong.
    pub fn parse(text: &str) -> Result<Policy, String> {
        let mut policy = Policy {
            rules: Vec::new(),
            default: Action::Allow,
            bad_arch: Action::KillProcess,
        };
        for item in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            let (head, action) = item
                .rsplit_once('=')
                .filter(|(head, _)| !head.ends_with(['=', '!', '<', '>']))
                .ok_or_else(|| format!("`{item}`: a rule is `NAME(…) = ACTION`"))?;
            let action = parse_action(action.trim()).map_err(|e| format!("`{item}`: {e}"))?;
            let head = head.trim();
            match head {
                "default" => {
                    policy.default = action;
                    continue;
                }
                "bad-arch" => {
                    policy.bad_arch = action;
                    continue;
                }
                _ => {}
            }
            let (name, conds) = match head.split_once('(') {
                Some((name, rest)) => {
                    let inner = rest
                        .strip_suffix(')')
                        .ok_or_else(|| format!("`{item}`: a `(` without its `)`"))?;
                    (name.trim(), Some(inner))
                }
                None => (head, None),
            };
            let descriptors = definitions(name);
            if descriptors.is_empty() {
                return Err(format!(
                    "`{item}`: the tracer has no definition of `{name}`"
                ));
            }
            for descriptor in descriptors {
                let mut parsed = Vec::new();
                for cond in conds.into_iter().flat_map(|c| c.split(',')).map(str::trim) {
                    parsed
                        .push(parse_cond(descriptor, cond).map_err(|e| format!("`{item}`: {e}"))?);
                }
                policy.rules.push((descriptor, parsed, action));
            }
        }
        Ok(policy)
    }

    /// The filter, compiled for x86-64 and ia32.
    pub fn compile(&self) -> Result<Box<Program<CAPACITY>>, String> {
        let rules: Vec<Rule<'_>> = self
            .rules
            .iter()
            .map(|(descriptor, conds, action)| Rule::new(descriptor, *action).when(conds))
            .collect();
        const ABIS: [&Abi; 2] = [&abi::X86_64, &abi::IA32];
        let filter = Filter::new(&ABIS, self.default)
            .rules(&rules)
            .bad_arch(self.bad_arch);
        filter
            .compile::<CAPACITY>()
            .map(Box::new)
            .map_err(|e| e.to_string())
    }
}

/// The tracer's definitions named `name`: one, or one per ABI where they differ.
fn definitions(name: &str) -> Vec<&'static syscall_define::Descriptor> {
    let mut found: Vec<&'static syscall_define::Descriptor> = Vec::new();
    for (_, _, entry) in table::all() {
        if entry.descriptor.name == name
            && !found.iter().any(|d| std::ptr::eq(*d, entry.descriptor))
        {
            found.push(entry.descriptor);
        }
    }
    found
}

fn parse_number(text: &str) -> Result<i128, String> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.trim()),
        None => (false, text),
    };
    let digits = digits.replace('_', "");
    let value = if let Some(hex) = digits.strip_prefix("0x") {
        i128::from_str_radix(hex, 16)
    } else if let Some(octal) = digits.strip_prefix("0o") {
        i128::from_str_radix(octal, 8)
    } else {
        digits.parse()
    }
    .map_err(|_| format!("`{text}` is not a number"))?;
    Ok(if negative { -value } else { value })
}

fn parse_cond(descriptor: &syscall_define::Descriptor, text: &str) -> Result<Cond, String> {
    const OPS: [(&str, Cmp); 6] = [
        ("==", Cmp::Eq),
        ("!=", Cmp::Ne),
        ("<=", Cmp::Le),
        (">=", Cmp::Ge),
        ("<", Cmp::Lt),
        (">", Cmp::Gt),
    ];
    let (at, op, cmp) = OPS
        .iter()
        .filter_map(|(op, cmp)| text.find(op).map(|at| (at, *op, *cmp)))
        .min_by_key(|(at, op, _)| (*at, std::cmp::Reverse(op.len())))
        .ok_or_else(|| format!("`{text}`: a condition is `ARG OP VALUE`"))?;
    let (left, value) = (
        text[..at].trim(),
        parse_number(text[at + op.len()..].trim())?,
    );
    let (arg_name, mask) = match left.split_once('&') {
        Some((arg, mask)) if cmp == Cmp::Eq => (arg.trim(), Some(parse_number(mask.trim())?)),
        Some(_) => return Err(format!("`{text}`: a mask is compared with `==` only")),
        None => (left, None),
    };
    let index = descriptor
        .args
        .iter()
        .position(|a| a.name == arg_name)
        .or_else(|| {
            arg_name
                .parse()
                .ok()
                .filter(|&i: &usize| i < descriptor.args.len())
        })
        .ok_or_else(|| {
            let names: Vec<&str> = descriptor.args.iter().map(|a| a.name).collect();
            format!(
                "`{}` has no argument `{arg_name}` (it has: {})",
                descriptor.name,
                names.join(", ")
            )
        })?;
    let arg = ArgRef(index);
    Ok(match mask {
        Some(mask) => arg.masked_eq(
            u64::try_from(mask).map_err(|_| format!("`{text}`: the mask is not a u64"))?,
            value,
        ),
        None => Cond {
            arg: index,
            cmp,
            value,
        },
    })
}

fn parse_action(text: &str) -> Result<Action, String> {
    let data = |inner: &str| -> Result<u16, String> {
        parse_number(inner)
            .ok()
            .and_then(|n| u16::try_from(n).ok())
            .ok_or_else(|| format!("`{inner}` is not a number from 0 to 65535"))
    };
    // `NAME(DATA)`: the name and the text between the parentheses.
    let call = text
        .split_once('(')
        .and_then(|(name, rest)| Some((name.trim(), rest.strip_suffix(')')?.trim())));
    Ok(match (text, call) {
        ("allow", _) => Action::Allow,
        ("log", _) => Action::Log,
        ("kill" | "kill-process", _) => Action::KillProcess,
        ("kill-thread", _) => Action::KillThread,
        ("trap", _) => Action::Trap(0),
        ("notify", _) => Action::UserNotif,
        (_, Some(("trap", inner))) => Action::Trap(data(inner)?),
        (_, Some(("trace", inner))) => Action::Trace(data(inner)?),
        (_, Some(("errno", inner))) => Action::Errno(Errno::new(i32::from(data(inner)?))),
        _ if text.starts_with('E') => Action::Errno(
            (1..4096)
                .map(Errno::new)
                .find(|e| e.name() == Some(text))
                .ok_or_else(|| format!("`{text}` is no errno name"))?,
        ),
        _ => return Err(format!("`{text}` is no action")),
    })
}

/// Installs `program` in the calling process: `PR_SET_NO_NEW_PRIVS`, then the filter. Only
/// async-signal-safe calls, for the child between `fork` and `exec`; returns the errno on
/// failure.
///
/// # Safety
/// `program` must stay alive during the call (it does: the kernel copies it).
pub unsafe fn install<const N: usize>(program: &Program<N>) -> Result<(), i32> {
    const SECCOMP_SET_MODE_FILTER: libc::c_ulong = 1;
    let fprog = program.fprog();
    // SAFETY: plain system calls; `fprog` points at `program`'s instructions, alive here.
    unsafe {
        if libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 {
            return Err(*libc::__errno_location());
        }
        if libc::syscall(
            libc::SYS_seccomp,
            SECCOMP_SET_MODE_FILTER,
            0,
            &raw const fprog,
        ) != 0
        {
            return Err(*libc::__errno_location());
        }
    }
    Ok(())
}
