//! What the system calls' pointers point to: user-space structures, named after their C types.
//!
//! A tracer never dereferences most of them, so most are opaque: they only make the definitions
//! read like the kernel's (`statbuf: UserPtr<Stat>`) and show up in the descriptors' type text.
//! The `utsname` structures, which the sandbox writes, have their real layouts.

macro_rules! opaque {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug)]
        pub enum $name {}
    )*};
}

opaque! {
    /// `struct stat` (x86-64) / `struct compat_stat` (ia32 `stat`, `fstat`, `lstat`).
    Stat;
    /// `struct stat64` (ia32 `stat64`, `fstat64`, `lstat64`, `fstatat64`).
    Stat64;
    /// `struct statx`.
    Statx;
    /// `struct statfs` / `struct statfs64`.
    Statfs;
    /// `struct linux_dirent64`.
    LinuxDirent64;
    /// `struct linux_dirent`.
    LinuxDirent;
    /// `struct iovec` / `struct compat_iovec`.
    Iovec;
    /// `struct rlimit`.
    Rlimit;
    /// `struct rlimit64`.
    Rlimit64;
    /// `struct robust_list_head`.
    RobustListHead;
    /// `struct rseq`.
    Rseq;
    /// `struct user_desc` (`set_thread_area`).
    UserDesc;
    /// `struct sigaction` (the kernel's).
    Sigaction;
    /// `sigset_t` (the kernel's).
    Sigset;
    /// `stack_t`.
    SigaltStack;
    /// `struct timespec` / `struct __kernel_timespec` / `struct old_timespec32`.
    Timespec;
    /// `struct rusage`.
    Rusage;
    /// `struct sockaddr`.
    Sockaddr;
    /// `struct pollfd`.
    Pollfd;
    /// `struct mmap_arg_struct32` (ia32's old `mmap`).
    MmapArgStruct;
    /// `struct clone_args`.
    CloneArgs;
}

/// `__NEW_UTS_LEN + 1`: the size of each field of `struct new_utsname` and `struct old_utsname`.
pub const UTS_FIELD: usize = 65;
/// The size of each field of `struct oldold_utsname`.
pub const OLDOLD_UTS_FIELD: usize = 9;

/// `struct new_utsname` (`uname`): sysname, nodename, release, version, machine, domainname.
#[derive(Debug)]
#[repr(C)]
pub struct NewUtsname {
    /// The six fields, each NUL-terminated.
    pub fields: [[u8; UTS_FIELD]; 6],
}

/// `struct old_utsname` (ia32 `olduname`): the first five fields of [`NewUtsname`].
#[derive(Debug)]
#[repr(C)]
pub struct OldUtsname {
    /// sysname, nodename, release, version, machine.
    pub fields: [[u8; UTS_FIELD]; 5],
}

/// `struct oldold_utsname` (ia32 `oldolduname`): five 9-byte fields.
#[derive(Debug)]
#[repr(C)]
pub struct OldoldUtsname {
    /// sysname, nodename, release, version, machine.
    pub fields: [[u8; OLDOLD_UTS_FIELD]; 5],
}
