//! The ABIs no capture verifies (x32, riscv32, loongarch64, s390 31-bit compat, sparc32,
//! little-endian mips n64; see
//! `fixtures/README.md`, "Not captured"), checked against what the kernel source says its entry
//! code reads (the citations are `shared/ABI.md`'s): each register file is filled field by field
//! as that kernel leaves it at entry, and the generated stubs must decode the kernel's values.

use syscall_define::abi::{self, Placement};
use syscall_define::regs::*;
use syscall_define::{LoHi, Syscall, UserPtr, syscall_define};

#[syscall_define(abi(all))]
fn pread64(fd: u32, buf: UserPtr<u8>, count: usize, pos: i64) -> isize {
    if pos == 0x1122_3344_5566_7788 {
        (count + fd as usize + (buf.addr() & 0xf)) as isize
    } else {
        -22
    }
}

#[syscall_define(abi(all))]
fn ftruncate64(fd: u32, length: i64) -> isize {
    (length == 0x1_8000_0004) as isize + fd as isize
}

#[syscall_define(abi(all), arm(order = (fd, flags, offset, nbytes)), ppc32(order = (fd, flags, offset, nbytes)))]
fn sync_file_range(fd: i32, offset: i64, nbytes: i64, flags: u32) -> isize {
    let _ = (fd, offset, nbytes, flags);
    0
}

#[syscall_define(abi(all))]
fn preadv(fd: usize, vec: UserPtr<u8>, vlen: usize, pos: LoHi) -> isize {
    let _ = (fd, vec, vlen);
    pos.0 as isize
}

const POS: i64 = 0x1122_3344_5566_7788;
const LEN: i64 = 0x1_8000_0004;
const ENOSYS: u64 = (-38i64) as u64;

/// x32 (`__X32_COMPAT_SYS_STUBx` uses `SC_X86_64_REGS_TO_ARGS`; common calls run the x86-64
/// stub on whole registers; `preadv` is `compat_sys_preadv64(…, loff_t pos)`): a 64-bit value
/// is one register, and the number carries `__X32_SYSCALL_BIT`.
#[test]
fn x32_reads_the_x86_64_registers_whole() {
    let regs = x86_64::PtRegs {
        di: 3,
        si: 0x4000_1000,
        dx: 64,
        r10: POS as u64,
        orig_ax: 0x4000_0000 | 17,
        ..Default::default()
    };
    assert_eq!(pread64::decode::<X32, _>(&regs).unwrap().3, POS);
    // SAFETY (all stubs in this file): the register files are plain values built here.
    assert_eq!(unsafe { __x32_sys_pread64(&regs) }, 64 + 3);
    assert_eq!(regs.orig_ax & !abi::X32.nr_bit, 17);
    let regs = x86_64::PtRegs {
        r10: POS as u64,
        r8: 0xdead,
        ..Default::default()
    };
    assert_eq!(preadv::decode::<X32, _>(&regs).unwrap().3, LoHi(POS as u64));
}

/// riscv32, native and compat on rv64 (`__riscv_compat_sys_*` → `compat_arg_u64_dual`: lo, hi,
/// no padding; the first argument from `orig_a0`, a0 = -ENOSYS).
#[test]
fn riscv32_pairs_are_consecutive_low_first_from_orig_a0() {
    let mut rv32 = riscv32::PtRegs {
        orig_a0: 3,
        a0: ENOSYS as u32,
        a1: 0x1000,
        a2: 64,
        a3: 0x5566_7788,
        a4: 0x1122_3344,
        ..Default::default()
    };
    assert_eq!(
        pread64::decode::<Riscv32, _>(&rv32).unwrap(),
        (3, UserPtr::new(0x1000), 64, POS)
    );
    assert_eq!(unsafe { __riscv32_sys_pread64(&rv32) }, 67);
    // ftruncate64(fd, compat_arg_u64_dual(length)): a1:a2, no pad.
    (rv32.a1, rv32.a2) = (0x8000_0004, 1);
    assert_eq!(ftruncate64::decode::<Riscv32, _>(&rv32).unwrap(), (3, LEN));
    let layout = sync_file_range::DESCRIPTOR.layout(&abi::RISCV32).unwrap();
    assert_eq!(layout.arg(1), Placement::Pair { lo: 1, hi: 2 });
    assert_eq!(layout.arg(3), Placement::One(5));

    let rv64 = riscv64::PtRegs {
        orig_a0: 0xffff_ffff_0000_0003,
        a0: ENOSYS,
        a1: 0xbad0_0000_0000_1000,
        a2: 0xbad0_0000_0000_0040,
        a3: 0xbad0_0000_5566_7788,
        a4: 0xbad0_0000_1122_3344,
        ..Default::default()
    };
    assert_eq!(
        pread64::decode::<Riscv32, _>(&rv64).unwrap(),
        (3, UserPtr::new(0x1000), 64, POS)
    );
    assert_eq!(unsafe { __riscv32_sys_pread64(&rv64) }, 67);
}

/// loongarch64 (`do_syscall`: `syscall_fn(regs->orig_a0, regs->regs[5], …, regs->regs[9])`,
/// after `regs->orig_a0 = regs->regs[4]; regs->regs[4] = -ENOSYS`).
#[test]
fn loongarch64_reads_orig_a0_and_regs_5_to_9() {
    let mut regs = loongarch64::PtRegs {
        orig_a0: 3,
        ..Default::default()
    };
    regs.regs[4] = ENOSYS;
    regs.regs[5] = 0x1000;
    regs.regs[6] = 64;
    regs.regs[7] = POS as u64;
    assert_eq!(
        pread64::decode::<Loongarch64, _>(&regs).unwrap(),
        (3, UserPtr::new(0x1000), 64, POS)
    );
    assert_eq!(unsafe { __loongarch64_sys_pread64(&regs) }, 67);
}

/// s390 31-bit compat on s390x (`s390_pread64(fd, ubuf, count, u32 high, u32 low)`,
/// `s390_ftruncate64(fd, u32 high, u32 low)`: high half first, no pad; pointers `& 0x7fffffff`;
/// the first argument from `orig_gpr2`, r2 = -ENOSYS).
#[test]
fn s390_compat_pairs_are_high_first_and_pointers_31_bits() {
    let mut regs = s390x::PtRegs {
        orig_gpr2: 3,
        ..Default::default()
    };
    regs.gprs[2] = ENOSYS;
    regs.gprs[3] = 0xbad0_0000_8000_1000; // bit 31 is not part of a 31-bit address
    regs.gprs[4] = 64;
    regs.gprs[5] = 0x1122_3344;
    regs.gprs[6] = 0x5566_7788;
    assert_eq!(
        pread64::decode::<S390, _>(&regs).unwrap(),
        (3, UserPtr::new(0x1000), 64, POS)
    );
    assert_eq!(unsafe { __s390_sys_pread64(&regs) }, 67);
    (regs.gprs[3], regs.gprs[4]) = (1, 0x8000_0004);
    assert_eq!(ftruncate64::decode::<S390, _>(&regs).unwrap(), (3, LEN));
    // s390x itself: one register, whole pointers.
    (regs.gprs[3], regs.gprs[4], regs.gprs[5]) = (0x8000_1000, 64, POS as u64);
    assert_eq!(
        pread64::decode::<S390x, _>(&regs).unwrap(),
        (3, UserPtr::new(0x8000_1000), 64, POS)
    );
}

/// sparc32, native and compat on sparc64 (`sys32_pread64(fd, ubuf, count, poshi, poslo)`,
/// `sys32_ftruncate64(fd, high, low)`: high half first, no padding; the user's `%o0..%o5` are
/// `u_regs[UREG_I0..]`).
#[test]
fn sparc32_pairs_are_high_first_without_padding() {
    let mut regs = sparc32::PtRegs::default();
    regs.u_regs[8..13].copy_from_slice(&[3, 0x1000, 64, 0x1122_3344, 0x5566_7788]);
    assert_eq!(
        pread64::decode::<Sparc32, _>(&regs).unwrap(),
        (3, UserPtr::new(0x1000), 64, POS)
    );
    assert_eq!(unsafe { __sparc32_sys_pread64(&regs) }, 67);
    regs.u_regs[9..11].copy_from_slice(&[1, 0x8000_0004]);
    assert_eq!(ftruncate64::decode::<Sparc32, _>(&regs).unwrap(), (3, LEN));

    let mut wide = sparc64::PtRegs::default();
    for (i, word) in [3u64, 0x1000, 64, 0x1122_3344, 0x5566_7788]
        .into_iter()
        .enumerate()
    {
        wide.u_regs[sparc64::PtRegs::UREG_I0 + i] = 0xbad0_c0de_0000_0000 | word;
    }
    assert_eq!(
        pread64::decode::<Sparc32, _>(&wide).unwrap(),
        (3, UserPtr::new(0x1000), 64, POS)
    );
}

/// Little-endian mips n64 (`mips_get_syscall_arg`, 64-bit branch: `regs->regs[4 + n]`, as for
/// big-endian n64, whose capture verifies it): no pairs, so byte order moves nothing.
#[test]
fn mipsel_n64_reads_the_n64_registers() {
    let mut regs = mips64::PtRegs::default();
    regs.regs[4..8].copy_from_slice(&[3, 0x1000, 64, POS as u64]);
    assert_eq!(
        pread64::decode::<MipselN64, _>(&regs).unwrap(),
        (3, UserPtr::new(0x1000), 64, POS)
    );
    assert_eq!(unsafe { __mipsel_n64_sys_pread64(&regs) }, 67);
    assert_eq!(abi::MIPSEL_N64.arg_slots, abi::MIPS_N64.arg_slots);
    assert_ne!(abi::MIPSEL_N64.audit_arch, abi::MIPS_N64.audit_arch);
}

/// The number register and error convention each of these ABIs declares, as ABI.md §7 gives.
#[test]
fn source_abis_declare_their_number_and_error_registers() {
    use syscall_define::abi::ErrorConvention;
    for (abi, nr, result) in [
        (&abi::X32, "orig_ax", "ax"),
        (&abi::RISCV32, "a7", "a0"),
        (&abi::LOONGARCH64, "a7", "a0"),
        (&abi::S390, "int_code", "r2"),
        (&abi::SPARC32, "g1", "o0"),
        (&abi::MIPSEL_N64, "v0", "v0"),
    ] {
        assert_eq!(
            (abi.nr_register, abi.ret.result),
            (nr, result),
            "{}",
            abi.name
        );
        assert!(
            abi.captures.is_empty(),
            "{} has captures: test it there",
            abi.name
        );
    }
    assert!(matches!(
        abi::SPARC32.ret.error,
        ErrorConvention::ConditionBit {
            register: "psr",
            ..
        }
    ));
    assert!(matches!(
        abi::RISCV32.ret.error,
        ErrorConvention::NegativeErrno { max_errno: 4095 }
    ));
}
