//! The sandbox: the tracer as the kernel for a few system calls.
//!
//! For a served call the tracer suppresses the real call at the entry stop, runs the
//! `#[syscall_define]` body through the generated entry stub on the tracee's registers, and at the
//! exit stop puts the stub's return value in the return register. The bodies live in
//! [`crate::defs`]; what they need beyond their arguments (which process is calling) reaches them
//! through [`with_tracee`], because an entry stub takes nothing but registers.

use std::cell::Cell;

use syscall_define::{Errno, UserPtr};

use crate::Mode;
use crate::ptrace::{self, Pid};
use crate::uapi::{NewUtsname, OLDOLD_UTS_FIELD, OldUtsname, OldoldUtsname, UTS_FIELD};

/// The calling process, for the bodies: set by the tracer around each served call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tracee {
    /// Its pid (in the tracer's pid namespace).
    pub pid: Pid,
    /// The mode of the call being served.
    pub mode: Mode,
}

thread_local! {
    static CURRENT: Cell<Option<Tracee>> = const { Cell::new(None) };
}

/// Runs `f` (which calls an entry stub) with `tracee` as the calling process, and restores the
/// previous one afterwards, panic or not.
pub fn with_tracee<T>(tracee: Tracee, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<Tracee>);
    impl Drop for Restore {
        fn drop(&mut self) {
            CURRENT.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(CURRENT.with(|c| c.replace(Some(tracee))));
    f()
}

/// The process whose call is being served, if any.
pub fn current() -> Option<Tracee> {
    CURRENT.with(Cell::get)
}

/// The sandbox's identity: what its `uname` and `getpid` say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Identity {
    /// `uname -s`.
    pub sysname: &'static str,
    /// `uname -n`.
    pub nodename: &'static str,
    /// `uname -r`.
    pub release: &'static str,
    /// `uname -v`.
    pub version: &'static str,
    /// `uname -m`.
    pub machine: &'static str,
    /// The NIS domain name (`new_utsname` only).
    pub domainname: &'static str,
    /// What `getpid` returns.
    pub pid: i32,
}

/// The identity the served calls report.
pub const IDENTITY: Identity = Identity {
    sysname: "SyscallDefine",
    nodename: "sandbox",
    release: "0.1.0-syscall-define",
    version: "#1 served by #[syscall_define]",
    machine: "x86_64",
    domainname: "(none)",
    pid: 4242,
};

/// The system calls `--serve` accepts (their bodies do real work); `uname` also serves ia32's
/// `olduname` and `oldolduname`.
pub const SERVABLE: &[&str] = &["uname", "getpid"];

/// Expands `--serve` names to the descriptor names served: `uname` → `uname`, `olduname`,
/// `oldolduname`. Unknown names are an error that lists the servable ones.
pub fn expand_serve_names<'a>(
    names: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<&'static str>, String> {
    let mut out = Vec::new();
    for name in names {
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        match SERVABLE.iter().find(|s| **s == name) {
            Some(&"uname") => out.extend(["uname", "olduname", "oldolduname"]),
            Some(s) => out.push(*s),
            None => {
                return Err(format!(
                    "the sandbox has no body for `{name}`; it serves: {}",
                    SERVABLE.join(", ")
                ));
            }
        }
    }
    Ok(out)
}

/// Copies `bytes` to `to` in the calling process (`copy_to_user`): `EFAULT` if that fails or no
/// process is calling.
pub fn copy_to_user<T: ?Sized>(to: UserPtr<T>, bytes: &[u8]) -> Result<(), Errno> {
    let tracee = current().ok_or(Errno::EFAULT)?;
    if to.is_null() {
        return Err(Errno::EFAULT);
    }
    ptrace::write_memory(tracee.pid, to.addr() as u64, bytes).map_err(|_| Errno::EFAULT)
}

fn field<const N: usize>(text: &str) -> [u8; N] {
    let mut out = [0u8; N];
    let n = text.len().min(N - 1);
    out[..n].copy_from_slice(&text.as_bytes()[..n]);
    out
}

impl Identity {
    fn five(&self) -> [&'static str; 5] {
        [
            self.sysname,
            self.nodename,
            self.release,
            self.version,
            self.machine,
        ]
    }

    /// The bytes of `struct new_utsname`.
    pub fn new_utsname(&self) -> Vec<u8> {
        let mut fields: Vec<&str> = self.five().to_vec();
        fields.push(self.domainname);
        let bytes: Vec<u8> = fields.iter().flat_map(|f| field::<UTS_FIELD>(f)).collect();
        debug_assert_eq!(bytes.len(), size_of::<NewUtsname>());
        bytes
    }

    /// The bytes of `struct old_utsname`.
    pub fn old_utsname(&self) -> Vec<u8> {
        let bytes: Vec<u8> = self
            .five()
            .iter()
            .flat_map(|f| field::<UTS_FIELD>(f))
            .collect();
        debug_assert_eq!(bytes.len(), size_of::<OldUtsname>());
        bytes
    }

    /// The bytes of `struct oldold_utsname` (each field cut to 8 characters).
    pub fn oldold_utsname(&self) -> Vec<u8> {
        let bytes: Vec<u8> = self
            .five()
            .iter()
            .flat_map(|f| field::<OLDOLD_UTS_FIELD>(f))
            .collect();
        debug_assert_eq!(bytes.len(), size_of::<OldoldUtsname>());
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utsname_layouts() {
        let new = IDENTITY.new_utsname();
        assert_eq!(new.len(), 6 * 65);
        assert_eq!(&new[..14], b"SyscallDefine\0");
        assert_eq!(&new[65..73], b"sandbox\0");
        assert_eq!(IDENTITY.old_utsname().len(), 5 * 65);
        let oldold = IDENTITY.oldold_utsname();
        assert_eq!(oldold.len(), 5 * 9);
        assert_eq!(&oldold[..9], b"SyscallD\0");
    }

    #[test]
    fn serve_names() {
        assert_eq!(
            expand_serve_names(["uname"]).unwrap(),
            ["uname", "olduname", "oldolduname"]
        );
        assert_eq!(expand_serve_names(["getpid", ""]).unwrap(), ["getpid"]);
        assert!(
            expand_serve_names(["write"])
                .unwrap_err()
                .contains("uname, getpid")
        );
    }

    #[test]
    fn the_tracee_is_set_only_around_the_call() {
        let t = Tracee {
            pid: 7,
            mode: Mode::Ia32,
        };
        assert_eq!(current(), None);
        assert_eq!(with_tracee(t, current), Some(t));
        assert_eq!(current(), None);
    }
}
