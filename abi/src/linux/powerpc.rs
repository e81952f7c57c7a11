//! PowerPC (ABI.md §2.10; `arch/powerpc/include/asm/syscall_wrapper.h`,
//! `arch/powerpc/kernel/sys_ppc32.c`, `Documentation/arch/powerpc/syscall64-abi.rst`).
//!
//! Arguments in r3..r8, number in r0. With `sc` an error sets CR0.SO (`ccr & 0x1000_0000`) and
//! r3 = +errno (`syscall_exit_prepare()`); `scv 0` returns -errno, and is not modelled here (the
//! fixtures' glibc used `sc` throughout).

use crate::{
    Abi, AbiId, Endian, ErrorConvention, HalfOrder, NarrowValues, PairRule, ReturnConvention,
};

const SC_RETURN: ReturnConvention = ReturnConvention {
    result: "r3",
    second: Some("r4"),
    error: ErrorConvention::ConditionBit {
        register: "ccr",
        mask: 0x1000_0000,
        max_errno: 4095,
    },
};

/// 32-bit PowerPC, big-endian: `r3..r8`; pairs start at r3/r5/r7 (an even slot), high half
/// first (`merge_64(high, low)`). A 32-bit kernel, or ppc32 on ppc64 (low 32 bits of each
/// register: `regs->gpr[3] & 0xffffffff`).
pub const PPC32: Abi = Abi {
    id: AbiId::Ppc32,
    name: "ppc32",
    aliases: &["ppc", "powerpc", "powerpc32"],
    description: "32-bit PowerPC, big-endian (a 32-bit kernel, or ppc32 on a ppc64 kernel)",
    tag: "Ppc32",
    konst: "PPC32",
    stub_prefix: "__ppc32_sys_",
    register_bits: 32,
    word_bits: 32,
    user_long_bits: 32,
    endian: Endian::Big,
    narrow_values: NarrowValues::Unspecified,
    pointer_mask: u64::MAX,
    arg_slots: &["r3", "r4", "r5", "r6", "r7", "r8"],
    stack_args: None,
    pair_rule: PairRule::EvenAligned,
    half_order: HalfOrder::HighFirst,
    lohi_joined: true,
    nr_register: "r0",
    nr_bit: 0,
    ret: SC_RETURN,
    errno: &[],
    audit_arch: 0x0000_0014, // AUDIT_ARCH_PPC = EM_PPC
    default_cfg: "any(target_arch = \"powerpc\", all(target_arch = \"powerpc64\", target_endian = \"big\"))",
    compat_prefix: "__ppc32_compat_sys_",
    compat_cfg: "all(target_arch = \"powerpc64\", target_endian = \"big\")",
    captures: &["ppc32"],
};

/// 64-bit PowerPC, big-endian (ELFv1): `r3..r8`, one register each; `int` sign- and `unsigned`
/// zero-extended (the ELF ABI).
pub const PPC64: Abi = Abi {
    id: AbiId::Ppc64,
    name: "ppc64",
    aliases: &["powerpc64", "ppc64be"],
    description: "64-bit PowerPC, big-endian",
    tag: "Ppc64",
    konst: "PPC64",
    stub_prefix: "__ppc64_sys_",
    register_bits: 64,
    word_bits: 64,
    user_long_bits: 64,
    endian: Endian::Big,
    narrow_values: NarrowValues::ByType,
    pointer_mask: u64::MAX,
    arg_slots: &["r3", "r4", "r5", "r6", "r7", "r8"],
    stack_args: None,
    pair_rule: PairRule::OneRegister,
    half_order: HalfOrder::HighFirst,
    lohi_joined: false,
    nr_register: "r0",
    nr_bit: 0,
    ret: SC_RETURN,
    errno: &[],
    audit_arch: 0x8000_0015, // AUDIT_ARCH_PPC64 = EM_PPC64 | 64BIT
    default_cfg: "all(target_arch = \"powerpc64\", target_endian = \"big\")",
    compat_prefix: "",
    compat_cfg: "",
    captures: &["ppc64"],
};

/// 64-bit PowerPC, little-endian (ELFv2): as [`PPC64`], another byte order and audit arch.
pub const PPC64LE: Abi = Abi {
    id: AbiId::Ppc64le,
    name: "ppc64le",
    aliases: &["powerpc64le", "ppc64el"],
    description: "64-bit PowerPC, little-endian",
    tag: "Ppc64le",
    konst: "PPC64LE",
    stub_prefix: "__ppc64le_sys_",
    endian: Endian::Little,
    half_order: HalfOrder::LowFirst,
    audit_arch: 0xc000_0015, // AUDIT_ARCH_PPC64LE = EM_PPC64 | 64BIT | LE
    default_cfg: "all(target_arch = \"powerpc64\", target_endian = \"little\")",
    compat_prefix: "",
    compat_cfg: "",
    captures: &["ppc64le"],
    ..PPC64
};
