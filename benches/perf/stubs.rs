//! The benchmarked system calls on the Rust side: defined once with `#[syscall_define(abi(all))]`,
//! and for the first five ABIs the same stubs written by hand (`hand_*`); the generated tables,
//! and a hand-written `match` dispatcher per ABI. C's versions are in `c/`.
//!
//! Every body calls a sink from `c/sinks.s` (the very same machine code as the C side calls) with
//! each argument converted with `as u64`, which is C's conversion to `u64` too. Bodies are
//! inlined into the stubs on both sides (`#[syscall_define]`'s body is `#[inline(always)]`, as
//! Linux's `__do_sys_*` is `static inline`); the sink is never inlined (it is assembly), so a
//! stub is: load the registers, convert, tail-call the sink.
//!
//! Every stub is exported under a fixed symbol name for the disassembly:
//! `sdb_gen_X86_64_pread64` (generated), `sdb_rust__x64_sys_pread64` (by hand); C's is
//! `__x64_sys_pread64` (the ABI's stub prefix and the name).

use syscall_define::regs::*;
use syscall_define::table::array_index_nospec;
use syscall_define::{HasStub, NoHooks, UserPtr, syscall_define, syscall_table};

core::arch::global_asm!(include_str!("../c/sinks.s"), options(att_syntax));

unsafe extern "C" {
    safe fn sd_sink0() -> i64;
    safe fn sd_sink1(a0: u64) -> i64;
    safe fn sd_sink2(a0: u64, a1: u64) -> i64;
    safe fn sd_sink3(a0: u64, a1: u64, a2: u64) -> i64;
    safe fn sd_sink4(a0: u64, a1: u64, a2: u64, a3: u64) -> i64;
    safe fn sd_sink5(a0: u64, a1: u64, a2: u64, a3: u64, a4: u64) -> i64;
    safe fn sd_sink6(a0: u64, a1: u64, a2: u64, a3: u64, a4: u64, a5: u64) -> i64;
}

/// The benchmarked system calls with the number every table gives them (x86-64's where it has
/// the call, i386's for `_llseek`; a dispatch costs the same whatever the number). The C side
/// (`c/main.c`, `SDB_NUMBERS`) uses the same numbers.
pub const SYSCALLS: &[(&str, usize)] = &[
    ("getpid", 39),
    ("close", 3),
    ("kill", 62),
    ("read", 0),
    ("openat", 257),
    ("pread64", 17),
    ("pwrite64", 18),
    ("ftruncate64", 77),
    ("readahead", 187),
    ("fallocate", 285),
    ("sync_file_range2", 277),
    ("fanotify_mark", 301),
    ("lseek", 8),
    ("llseek", 140),
    ("mmap", 9),
    ("preadv2", 327),
];

/// The size of every table (`NR_syscalls`).
pub const NR_SYSCALLS: usize = 450;

// ---------------------------------------------------------------------------------------------
// Generated: one definition per system call, stubs for the five ABIs.

#[syscall_define(abi(all))]
pub fn getpid() -> isize {
    sd_sink0() as isize
}

#[syscall_define(abi(all))]
pub fn close(fd: u32) -> isize {
    sd_sink1(fd as u64) as isize
}

#[syscall_define(abi(all))]
pub fn kill(pid: i32, sig: i32) -> isize {
    sd_sink2(pid as u64, sig as u64) as isize
}

#[syscall_define(abi(all))]
pub fn read(fd: u32, buf: UserPtr<u8>, count: usize) -> isize {
    sd_sink3(fd as u64, buf.addr() as u64, count as u64) as isize
}

#[syscall_define(abi(all))]
pub fn openat(dfd: i32, filename: UserPtr<u8>, flags: i32, mode: u16) -> isize {
    sd_sink4(
        dfd as u64,
        filename.addr() as u64,
        flags as u64,
        mode as u64,
    ) as isize
}

#[syscall_define(abi(all))]
pub fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> isize {
    sd_sink4(fd as u64, buf.addr() as u64, count as u64, pos as u64) as isize
}

#[syscall_define(abi(all))]
pub fn pwrite64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> isize {
    sd_sink4(fd as u64, buf.addr() as u64, count as u64, pos as u64) as isize
}

#[syscall_define(abi(all))]
pub fn ftruncate64(fd: u32, length: i64) -> isize {
    sd_sink2(fd as u64, length as u64) as isize
}

#[syscall_define(abi(all))]
pub fn readahead(fd: i32, offset: i64, count: usize) -> isize {
    sd_sink3(fd as u64, offset as u64, count as u64) as isize
}

#[syscall_define(abi(all))]
pub fn fallocate(fd: i32, mode: i32, offset: i64, len: i64) -> isize {
    sd_sink4(fd as u64, mode as u64, offset as u64, len as u64) as isize
}

#[syscall_define(abi(all))]
pub fn sync_file_range2(fd: i32, flags: u32, offset: i64, nbytes: i64) -> isize {
    sd_sink4(fd as u64, flags as u64, offset as u64, nbytes as u64) as isize
}

#[syscall_define(abi(all))]
pub fn fanotify_mark(
    fanotify_fd: i32,
    flags: u32,
    mask: u64,
    dfd: i32,
    pathname: UserPtr<u8>,
) -> isize {
    let (fd, path) = (fanotify_fd as u64, pathname.addr() as u64);
    sd_sink5(fd, flags as u64, mask, dfd as u64, path) as isize
}

#[syscall_define(abi(all))]
pub fn lseek(fd: u32, offset: isize, whence: u32) -> isize {
    sd_sink3(fd as u64, offset as u64, whence as u64) as isize
}

#[syscall_define(abi(all))]
pub fn llseek(
    fd: u32,
    offset_high: usize,
    offset_low: usize,
    result: UserPtr<i64>,
    whence: u32,
) -> isize {
    let (high, low) = (offset_high as u64, offset_low as u64);
    sd_sink5(fd as u64, high, low, result.addr() as u64, whence as u64) as isize
}

#[syscall_define(abi(all))]
pub fn mmap(addr: usize, len: usize, prot: usize, flags: usize, fd: usize, off: usize) -> isize {
    let (a, l, p, f) = (addr as u64, len as u64, prot as u64, flags as u64);
    sd_sink6(a, l, p, f, fd as u64, off as u64) as isize
}

#[syscall_define(abi(all))]
pub fn preadv2(
    fd: usize,
    vec: UserPtr<u8>,
    vlen: usize,
    pos_l: usize,
    pos_h: usize,
    flags: i32,
) -> isize {
    let (f, v, n) = (fd as u64, vec.addr() as u64, vlen as u64);
    sd_sink6(f, v, n, pos_l as u64, pos_h as u64, flags as u64) as isize
}

/// The generated stubs of an ABI on the register file an x86-64 kernel would save for it
/// (`ExportRegs`: a 32-bit ABI's 64-bit host's), in [`SYSCALLS`] order, each exported as
/// `sdb_gen_<Tag>_<name>` for the disassembly.
pub trait Generated: ExportRegs {
    /// The stubs.
    const STUBS: [extern "C" fn(&Self::Regs) -> isize; 16];
}

/// Implements [`Generated`] for every ABI of the table (`for_each_abi!`). Each exported function
/// reaches the stub through `HasStub::stub`, which is `#[inline(always)]`: it is the stub.
macro_rules! export_generated {
    ($($konst:ident => $tag:ident,)*) => {$(
        export_generated!(@abi $tag: getpid close kill read openat pread64 pwrite64 ftruncate64
            readahead fallocate sync_file_range2 fanotify_mark lseek llseek mmap preadv2);
    )*};
    (@abi $tag:ident: $($name:ident)*) => {
        impl Generated for $tag {
            const STUBS: [extern "C" fn(&Self::Regs) -> isize; 16] = [$({
                #[unsafe(export_name = concat!("sdb_gen_", stringify!($tag), "_", stringify!($name)))]
                extern "C" fn stub(regs: &<$tag as ExportRegs>::Regs) -> isize {
                    // SAFETY: the bench plays the entry code; the bodies only call the sinks.
                    unsafe { <$name as HasStub<$tag>>::stub(regs) }
                }
                stub
            }),*];
        }
    };
}
syscall_define::abi::for_each_abi!(export_generated);

/// Runs every generated stub of ABI `A` on `regs`, in [`SYSCALLS`] order.
pub fn run_generated<A: Generated>(regs: &A::Regs) -> Vec<u64> {
    A::STUBS.iter().map(|stub| stub(regs) as u64).collect()
}

// ---------------------------------------------------------------------------------------------
// By hand: the bodies once (Linux's `__do_sys_*`), and per ABI the register reads.

/// The bodies, with the types Linux declares (pointers as addresses).
mod body {
    use super::*;

    #[inline(always)]
    pub fn getpid() -> isize {
        sd_sink0() as isize
    }
    #[inline(always)]
    pub fn close(fd: u32) -> isize {
        sd_sink1(fd as u64) as isize
    }
    #[inline(always)]
    pub fn kill(pid: i32, sig: i32) -> isize {
        sd_sink2(pid as u64, sig as u64) as isize
    }
    #[inline(always)]
    pub fn read(fd: u32, buf: usize, count: usize) -> isize {
        sd_sink3(fd as u64, buf as u64, count as u64) as isize
    }
    #[inline(always)]
    pub fn openat(dfd: i32, filename: usize, flags: i32, mode: u16) -> isize {
        sd_sink4(dfd as u64, filename as u64, flags as u64, mode as u64) as isize
    }
    #[inline(always)]
    pub fn pread64(fd: u32, buf: usize, count: usize, pos: i64) -> isize {
        sd_sink4(fd as u64, buf as u64, count as u64, pos as u64) as isize
    }
    #[inline(always)]
    pub fn pwrite64(fd: u32, buf: usize, count: usize, pos: i64) -> isize {
        sd_sink4(fd as u64, buf as u64, count as u64, pos as u64) as isize
    }
    #[inline(always)]
    pub fn ftruncate64(fd: u32, length: i64) -> isize {
        sd_sink2(fd as u64, length as u64) as isize
    }
    #[inline(always)]
    pub fn readahead(fd: i32, offset: i64, count: usize) -> isize {
        sd_sink3(fd as u64, offset as u64, count as u64) as isize
    }
    #[inline(always)]
    pub fn fallocate(fd: i32, mode: i32, offset: i64, len: i64) -> isize {
        sd_sink4(fd as u64, mode as u64, offset as u64, len as u64) as isize
    }
    #[inline(always)]
    pub fn sync_file_range2(fd: i32, flags: u32, offset: i64, nbytes: i64) -> isize {
        sd_sink4(fd as u64, flags as u64, offset as u64, nbytes as u64) as isize
    }
    #[inline(always)]
    pub fn fanotify_mark(fanotify_fd: i32, flags: u32, mask: u64, dfd: i32, path: usize) -> isize {
        sd_sink5(
            fanotify_fd as u64,
            flags as u64,
            mask,
            dfd as u64,
            path as u64,
        ) as isize
    }
    #[inline(always)]
    pub fn lseek(fd: u32, offset: isize, whence: u32) -> isize {
        sd_sink3(fd as u64, offset as u64, whence as u64) as isize
    }
    #[inline(always)]
    pub fn llseek(fd: u32, high: usize, low: usize, result: usize, whence: u32) -> isize {
        sd_sink5(
            fd as u64,
            high as u64,
            low as u64,
            result as u64,
            whence as u64,
        ) as isize
    }
    #[inline(always)]
    pub fn mmap(
        addr: usize,
        len: usize,
        prot: usize,
        flags: usize,
        fd: usize,
        off: usize,
    ) -> isize {
        let (a, l, p, f) = (addr as u64, len as u64, prot as u64, flags as u64);
        sd_sink6(a, l, p, f, fd as u64, off as u64) as isize
    }
    #[inline(always)]
    pub fn preadv2(
        fd: usize,
        vec: usize,
        vlen: usize,
        pos_l: usize,
        pos_h: usize,
        flags: i32,
    ) -> isize {
        let (f, v, n) = (fd as u64, vec as u64, vlen as u64);
        sd_sink6(f, v, n, pos_l as u64, pos_h as u64, flags as u64) as isize
    }
}

/// A 32-bit ABI's word: the low 32 bits of a saved 64-bit register.
#[inline(always)]
fn lo(reg: u64) -> u32 {
    reg as u32
}

/// A 64-bit value from two 32-bit ABI words, low first.
#[inline(always)]
fn pair(lo: u64, hi: u64) -> u64 {
    ((hi as u32 as u64) << 32) | lo as u32 as u64
}

/// Hand-written stubs of one ABI, exported as `sdb_rust__<abi>_sys_<name>`.
macro_rules! hand {
    ($module:ident, $abi:literal, $regs:ty, |$r:ident| { $($name:ident => $call:expr;)* }) => {
        /// Hand-written stubs of one ABI.
        pub mod $module {
            use super::*;
            $(
                /// A hand-written stub.
                #[unsafe(export_name = concat!("sdb_rust__", $abi, "_sys_", stringify!($name)))]
                pub extern "C" fn $name($r: &$regs) -> isize {
                    let _ = $r;
                    $call
                }
            )*
            /// Name and stub, in [`SYSCALLS`] order.
            pub const ALL: &[(&str, extern "C" fn(&$regs) -> isize)] =
                &[$((stringify!($name), $name)),*];
        }
    };
}

hand!(hand_x64, "x64", x86_64::PtRegs, |r| {
    getpid => body::getpid();
    close => body::close(r.di as u32);
    kill => body::kill(r.di as i32, r.si as i32);
    read => body::read(r.di as u32, r.si as usize, r.dx as usize);
    openat => body::openat(r.di as i32, r.si as usize, r.dx as i32, r.r10 as u16);
    pread64 => body::pread64(r.di as u32, r.si as usize, r.dx as usize, r.r10 as i64);
    pwrite64 => body::pwrite64(r.di as u32, r.si as usize, r.dx as usize, r.r10 as i64);
    ftruncate64 => body::ftruncate64(r.di as u32, r.si as i64);
    readahead => body::readahead(r.di as i32, r.si as i64, r.dx as usize);
    fallocate => body::fallocate(r.di as i32, r.si as i32, r.dx as i64, r.r10 as i64);
    sync_file_range2 => body::sync_file_range2(r.di as i32, r.si as u32, r.dx as i64, r.r10 as i64);
    fanotify_mark => body::fanotify_mark(r.di as i32, r.si as u32, r.dx, r.r10 as i32, r.r8 as usize);
    lseek => body::lseek(r.di as u32, r.si as isize, r.dx as u32);
    llseek => body::llseek(r.di as u32, r.si as usize, r.dx as usize, r.r10 as usize, r.r8 as u32);
    mmap => body::mmap(r.di as usize, r.si as usize, r.dx as usize, r.r10 as usize, r.r8 as usize, r.r9 as usize);
    preadv2 => body::preadv2(r.di as usize, r.si as usize, r.dx as usize, r.r10 as usize, r.r8 as usize, r.r9 as i32);
});

hand!(hand_ia32, "ia32", x86_64::PtRegs, |r| {
    getpid => body::getpid();
    close => body::close(lo(r.bx));
    kill => body::kill(r.bx as i32, r.cx as i32);
    read => body::read(lo(r.bx), lo(r.cx) as usize, lo(r.dx) as usize);
    openat => body::openat(r.bx as i32, lo(r.cx) as usize, r.dx as i32, r.si as u16);
    pread64 => body::pread64(lo(r.bx), lo(r.cx) as usize, lo(r.dx) as usize, pair(r.si, r.di) as i64);
    pwrite64 => body::pwrite64(lo(r.bx), lo(r.cx) as usize, lo(r.dx) as usize, pair(r.si, r.di) as i64);
    ftruncate64 => body::ftruncate64(lo(r.bx), pair(r.cx, r.dx) as i64);
    readahead => body::readahead(r.bx as i32, pair(r.cx, r.dx) as i64, lo(r.si) as usize);
    fallocate => body::fallocate(r.bx as i32, r.cx as i32, pair(r.dx, r.si) as i64, pair(r.di, r.bp) as i64);
    sync_file_range2 => body::sync_file_range2(r.bx as i32, lo(r.cx), pair(r.dx, r.si) as i64, pair(r.di, r.bp) as i64);
    fanotify_mark => body::fanotify_mark(r.bx as i32, lo(r.cx), pair(r.dx, r.si), r.di as i32, lo(r.bp) as usize);
    lseek => body::lseek(lo(r.bx), r.cx as i32 as isize, lo(r.dx));
    llseek => body::llseek(lo(r.bx), lo(r.cx) as usize, lo(r.dx) as usize, lo(r.si) as usize, lo(r.di));
    mmap => body::mmap(lo(r.bx) as usize, lo(r.cx) as usize, lo(r.dx) as usize, lo(r.si) as usize, lo(r.di) as usize, lo(r.bp) as usize);
    preadv2 => body::preadv2(lo(r.bx) as usize, lo(r.cx) as usize, lo(r.dx) as usize, lo(r.si) as usize, lo(r.di) as usize, r.bp as i32);
});

hand!(hand_arm64, "arm64", arm64::PtRegs, |r| {
    getpid => body::getpid();
    close => body::close(r.regs[0] as u32);
    kill => body::kill(r.regs[0] as i32, r.regs[1] as i32);
    read => body::read(r.regs[0] as u32, r.regs[1] as usize, r.regs[2] as usize);
    openat => body::openat(r.regs[0] as i32, r.regs[1] as usize, r.regs[2] as i32, r.regs[3] as u16);
    pread64 => body::pread64(r.regs[0] as u32, r.regs[1] as usize, r.regs[2] as usize, r.regs[3] as i64);
    pwrite64 => body::pwrite64(r.regs[0] as u32, r.regs[1] as usize, r.regs[2] as usize, r.regs[3] as i64);
    ftruncate64 => body::ftruncate64(r.regs[0] as u32, r.regs[1] as i64);
    readahead => body::readahead(r.regs[0] as i32, r.regs[1] as i64, r.regs[2] as usize);
    fallocate => body::fallocate(r.regs[0] as i32, r.regs[1] as i32, r.regs[2] as i64, r.regs[3] as i64);
    sync_file_range2 => body::sync_file_range2(r.regs[0] as i32, r.regs[1] as u32, r.regs[2] as i64, r.regs[3] as i64);
    fanotify_mark => body::fanotify_mark(r.regs[0] as i32, r.regs[1] as u32, r.regs[2], r.regs[3] as i32, r.regs[4] as usize);
    lseek => body::lseek(r.regs[0] as u32, r.regs[1] as isize, r.regs[2] as u32);
    llseek => body::llseek(r.regs[0] as u32, r.regs[1] as usize, r.regs[2] as usize, r.regs[3] as usize, r.regs[4] as u32);
    mmap => body::mmap(r.regs[0] as usize, r.regs[1] as usize, r.regs[2] as usize, r.regs[3] as usize, r.regs[4] as usize, r.regs[5] as usize);
    preadv2 => body::preadv2(r.regs[0] as usize, r.regs[1] as usize, r.regs[2] as usize, r.regs[3] as usize, r.regs[4] as usize, r.regs[5] as i32);
});

hand!(hand_arm, "arm", arm64::PtRegs, |r| {
    getpid => body::getpid();
    close => body::close(lo(r.regs[0]));
    kill => body::kill(r.regs[0] as i32, r.regs[1] as i32);
    read => body::read(lo(r.regs[0]), lo(r.regs[1]) as usize, lo(r.regs[2]) as usize);
    openat => body::openat(r.regs[0] as i32, lo(r.regs[1]) as usize, r.regs[2] as i32, r.regs[3] as u16);
    // r3 is padding.
    pread64 => body::pread64(lo(r.regs[0]), lo(r.regs[1]) as usize, lo(r.regs[2]) as usize, pair(r.regs[4], r.regs[5]) as i64);
    pwrite64 => body::pwrite64(lo(r.regs[0]), lo(r.regs[1]) as usize, lo(r.regs[2]) as usize, pair(r.regs[4], r.regs[5]) as i64);
    // r1 is padding.
    ftruncate64 => body::ftruncate64(lo(r.regs[0]), pair(r.regs[2], r.regs[3]) as i64);
    readahead => body::readahead(r.regs[0] as i32, pair(r.regs[2], r.regs[3]) as i64, lo(r.regs[4]) as usize);
    fallocate => body::fallocate(r.regs[0] as i32, r.regs[1] as i32, pair(r.regs[2], r.regs[3]) as i64, pair(r.regs[4], r.regs[5]) as i64);
    sync_file_range2 => body::sync_file_range2(r.regs[0] as i32, lo(r.regs[1]), pair(r.regs[2], r.regs[3]) as i64, pair(r.regs[4], r.regs[5]) as i64);
    fanotify_mark => body::fanotify_mark(r.regs[0] as i32, lo(r.regs[1]), pair(r.regs[2], r.regs[3]), r.regs[4] as i32, lo(r.regs[5]) as usize);
    lseek => body::lseek(lo(r.regs[0]), r.regs[1] as i32 as isize, lo(r.regs[2]));
    llseek => body::llseek(lo(r.regs[0]), lo(r.regs[1]) as usize, lo(r.regs[2]) as usize, lo(r.regs[3]) as usize, lo(r.regs[4]));
    mmap => body::mmap(lo(r.regs[0]) as usize, lo(r.regs[1]) as usize, lo(r.regs[2]) as usize, lo(r.regs[3]) as usize, lo(r.regs[4]) as usize, lo(r.regs[5]) as usize);
    preadv2 => body::preadv2(lo(r.regs[0]) as usize, lo(r.regs[1]) as usize, lo(r.regs[2]) as usize, lo(r.regs[3]) as usize, lo(r.regs[4]) as usize, r.regs[5] as i32);
});

hand!(hand_riscv, "riscv", riscv64::PtRegs, |r| {
    getpid => body::getpid();
    close => body::close(r.orig_a0 as u32);
    kill => body::kill(r.orig_a0 as i32, r.a1 as i32);
    read => body::read(r.orig_a0 as u32, r.a1 as usize, r.a2 as usize);
    openat => body::openat(r.orig_a0 as i32, r.a1 as usize, r.a2 as i32, r.a3 as u16);
    pread64 => body::pread64(r.orig_a0 as u32, r.a1 as usize, r.a2 as usize, r.a3 as i64);
    pwrite64 => body::pwrite64(r.orig_a0 as u32, r.a1 as usize, r.a2 as usize, r.a3 as i64);
    ftruncate64 => body::ftruncate64(r.orig_a0 as u32, r.a1 as i64);
    readahead => body::readahead(r.orig_a0 as i32, r.a1 as i64, r.a2 as usize);
    fallocate => body::fallocate(r.orig_a0 as i32, r.a1 as i32, r.a2 as i64, r.a3 as i64);
    sync_file_range2 => body::sync_file_range2(r.orig_a0 as i32, r.a1 as u32, r.a2 as i64, r.a3 as i64);
    fanotify_mark => body::fanotify_mark(r.orig_a0 as i32, r.a1 as u32, r.a2, r.a3 as i32, r.a4 as usize);
    lseek => body::lseek(r.orig_a0 as u32, r.a1 as isize, r.a2 as u32);
    llseek => body::llseek(r.orig_a0 as u32, r.a1 as usize, r.a2 as usize, r.a3 as usize, r.a4 as u32);
    mmap => body::mmap(r.orig_a0 as usize, r.a1 as usize, r.a2 as usize, r.a3 as usize, r.a4 as usize, r.a5 as usize);
    preadv2 => body::preadv2(r.orig_a0 as usize, r.a1 as usize, r.a2 as usize, r.a3 as usize, r.a4 as usize, r.a5 as i32);
});

// ---------------------------------------------------------------------------------------------
// Dispatch: the generated tables, `dispatch` and `dispatch_with(.., &mut NoHooks)` on them, and a
// hand-written `match` over the hand-written stubs, each behind one exported function per ABI
// (what callgrind counts: `--toggle-collect=sdb_measure_*`). They are Rust functions: an
// `extern "C"` one must abort if the callee unwinds, and that landing pad rules out the tail call
// (a kernel built with `panic = "abort"` has none either way).

/// One generated table per ABI, the match dispatcher, and the measured entry points.
macro_rules! dispatch {
    ($table:ident, $abi:ty, $regs:ty, $hand:ident,
     $plain:ident, $hooks:ident, $match_fn:ident) => {
        syscall_table! {
            /// The generated table of one ABI.
            pub static $table: SyscallTable<$abi, $regs, 450> = {
                39 => getpid, 3 => close, 62 => kill, 0 => read, 257 => openat, 17 => pread64,
                18 => pwrite64, 77 => ftruncate64, 187 => readahead, 285 => fallocate,
                277 => sync_file_range2, 301 => fanotify_mark, 8 => lseek, 140 => llseek,
                9 => mmap, 327 => preadv2,
            };
        }

        /// `dispatch` on the generated table.
        ///
        /// # Safety
        /// Runs a system call.
        #[unsafe(no_mangle)]
        #[inline(never)]
        pub unsafe fn $plain(nr: isize, regs: &mut $regs) -> isize {
            // SAFETY: forwarded.
            unsafe { $table.dispatch(nr, regs) }
        }

        /// `dispatch_with(.., &mut NoHooks)` on the generated table.
        ///
        /// # Safety
        /// Runs a system call.
        #[unsafe(no_mangle)]
        #[inline(never)]
        pub unsafe fn $hooks(nr: isize, regs: &mut $regs) -> isize {
            // SAFETY: forwarded.
            unsafe { $table.dispatch_with(nr, regs, &mut NoHooks) }
        }

        /// A hand-written `match` with the same bounds check and clamp, calling the hand-written
        /// stubs.
        #[unsafe(no_mangle)]
        #[inline(never)]
        pub fn $match_fn(nr: isize, regs: &mut $regs) -> isize {
            let index = nr as usize;
            if index >= NR_SYSCALLS {
                return -38;
            }
            match array_index_nospec(index, NR_SYSCALLS) {
                39 => $hand::getpid(regs),
                3 => $hand::close(regs),
                62 => $hand::kill(regs),
                0 => $hand::read(regs),
                257 => $hand::openat(regs),
                17 => $hand::pread64(regs),
                18 => $hand::pwrite64(regs),
                77 => $hand::ftruncate64(regs),
                187 => $hand::readahead(regs),
                285 => $hand::fallocate(regs),
                277 => $hand::sync_file_range2(regs),
                301 => $hand::fanotify_mark(regs),
                8 => $hand::lseek(regs),
                140 => $hand::llseek(regs),
                9 => $hand::mmap(regs),
                327 => $hand::preadv2(regs),
                _ => -38,
            }
        }
    };
}

dispatch!(
    TABLE_X64,
    X86_64,
    x86_64::PtRegs,
    hand_x64,
    sdb_measure_table_x64,
    sdb_measure_hooks_x64,
    sdb_measure_match_x64
);
dispatch!(
    TABLE_IA32,
    Ia32,
    x86_64::PtRegs,
    hand_ia32,
    sdb_measure_table_ia32,
    sdb_measure_hooks_ia32,
    sdb_measure_match_ia32
);
dispatch!(
    TABLE_ARM64,
    Aarch64,
    arm64::PtRegs,
    hand_arm64,
    sdb_measure_table_arm64,
    sdb_measure_hooks_arm64,
    sdb_measure_match_arm64
);
dispatch!(
    TABLE_ARM,
    Arm,
    arm64::PtRegs,
    hand_arm,
    sdb_measure_table_arm,
    sdb_measure_hooks_arm,
    sdb_measure_match_arm
);
dispatch!(
    TABLE_RISCV,
    Riscv64,
    riscv64::PtRegs,
    hand_riscv,
    sdb_measure_table_riscv,
    sdb_measure_hooks_riscv,
    sdb_measure_match_riscv
);
