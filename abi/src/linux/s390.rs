//! s390 (ABI.md §2.9; `arch/s390/include/asm/syscall_wrapper.h`, `arch/s390/kernel/syscall.c`,
//! `arch/s390/kernel/compat_linux.c`). `__do_syscall` saves r2 in `orig_gpr2` and then writes the
//! number and -ENOSYS to r2, so the first argument is read from `orig_gpr2`. The number is the
//! `svc` immediate (`int_code & 0xffff`), or r1 for `svc 0`.

use super::negative_errno;
use crate::{Abi, AbiId, Endian, HalfOrder, NarrowValues, PairRule};

/// s390x: `orig_gpr2, r3..r7`, result in r2; `int` sign- and `unsigned` zero-extended.
pub const S390X: Abi = Abi {
    id: AbiId::S390x,
    name: "s390x",
    aliases: &["s390_64", "zarch", "systemz"],
    description: "64-bit s390 (z/Architecture)",
    tag: "S390x",
    konst: "S390X",
    stub_prefix: "__s390x_sys_",
    register_bits: 64,
    word_bits: 64,
    user_long_bits: 64,
    endian: Endian::Big,
    narrow_values: NarrowValues::ByType,
    pointer_mask: u64::MAX,
    arg_slots: &["orig_gpr2", "r3", "r4", "r5", "r6", "r7"],
    stack_args: None,
    pair_rule: PairRule::OneRegister,
    half_order: HalfOrder::HighFirst,
    lohi_joined: false,
    nr_register: "int_code",
    nr_bit: 0,
    ret: negative_errno("r2", Some("r3")),
    errno: &[],
    audit_arch: 0x8000_0016, // AUDIT_ARCH_S390X = EM_S390 | 64BIT
    default_cfg: "target_arch = \"s390x\"",
    compat_prefix: "",
    compat_cfg: "",
    captures: &["s390x"],
};

/// s390 31-bit compat on an s390x kernel: the s390x registers' low 32 bits; a 64-bit value in
/// two consecutive registers, high half first, no padding (`s390_pread64(…, u32 high, u32 low)`);
/// pointers masked to 31 bits (`__SC_COMPAT_CAST`: `a & 0x7fffffff`). Linux names the 31-bit stub
/// of a native definition `__s390_sys_*`. No capture: no 31-bit s390 binary runs here, and
/// compat is not in every kernel (opt in with `abi(s390)`).
pub const S390: Abi = Abi {
    id: AbiId::S390,
    name: "s390",
    aliases: &["s390_31", "s390_compat", "compat_s390"],
    description: "31-bit s390 compat (a 31-bit process on an s390x kernel)",
    tag: "S390",
    konst: "S390",
    stub_prefix: "__s390_sys_",
    register_bits: 32,
    word_bits: 32,
    user_long_bits: 32,
    narrow_values: NarrowValues::Unspecified,
    pointer_mask: 0x7fff_ffff,
    pair_rule: PairRule::Consecutive,
    lohi_joined: true,
    audit_arch: 0x0000_0016, // AUDIT_ARCH_S390 = EM_S390
    default_cfg: "",
    compat_prefix: "__s390_compat_sys_",
    compat_cfg: "",
    captures: &[],
    ..S390X
};
