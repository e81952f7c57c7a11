//! ARM: AArch64 and 32-bit EABI (ABI.md §2.4–2.6; `arch/arm64/include/asm/syscall_wrapper.h`,
//! `arch/arm64/kernel/sys32.c`, `arch/arm/kernel/entry-common.S`).

use super::negative_errno;
use crate::{Abi, AbiId, Endian, HalfOrder, NarrowValues, PairRule};

/// AArch64: `x0..x5` (`SC_ARM64_REGS_TO_ARGS`), number in x8, result in x0.
pub const AARCH64: Abi = Abi {
    id: AbiId::Aarch64,
    name: "aarch64",
    aliases: &["arm64", "armv8"],
    description: "64-bit ARM",
    tag: "Aarch64",
    konst: "AARCH64",
    stub_prefix: "__arm64_sys_",
    register_bits: 64,
    word_bits: 64,
    user_long_bits: 64,
    endian: Endian::Little,
    narrow_values: NarrowValues::Unspecified,
    pointer_mask: u64::MAX,
    arg_slots: &[
        "regs[0]", "regs[1]", "regs[2]", "regs[3]", "regs[4]", "regs[5]",
    ],
    stack_args: None,
    pair_rule: PairRule::OneRegister,
    half_order: HalfOrder::LowFirst,
    lohi_joined: false,
    nr_register: "regs[8]",
    nr_bit: 0,
    ret: negative_errno("regs[0]", Some("regs[1]")),
    errno: &[],
    audit_arch: 0xc000_00b7, // AUDIT_ARCH_AARCH64 = EM_AARCH64 | 64BIT | LE
    default_cfg: "target_arch = \"aarch64\"",
    compat_prefix: "",
    compat_cfg: "",
    captures: &["aarch64"],
};

/// 32-bit ARM EABI, little-endian: `r0..r5`, number in r7; a 64-bit value takes an even/odd
/// register pair (AAPCS), low half in the even register, skipping a register to get there. A
/// 32-bit ARM kernel, or AArch32 on an arm64 kernel (`rN` is `regs[N]`, low 32 bits).
pub const ARM: Abi = Abi {
    id: AbiId::Arm,
    name: "arm",
    aliases: &[
        "arm32",
        "aarch32",
        "armv7",
        "armhf",
        "armel",
        "eabi",
        "arm_eabi",
        "armeabi",
        "compat_arm",
    ],
    description: "32-bit ARM EABI (a 32-bit kernel, or an AArch32 process on an arm64 kernel)",
    tag: "Arm",
    konst: "ARM",
    stub_prefix: "__arm_sys_",
    register_bits: 32,
    word_bits: 32,
    user_long_bits: 32,
    endian: Endian::Little,
    narrow_values: NarrowValues::Unspecified,
    pointer_mask: u64::MAX,
    arg_slots: &["r0", "r1", "r2", "r3", "r4", "r5"],
    stack_args: None,
    pair_rule: PairRule::EvenAligned,
    half_order: HalfOrder::LowFirst,
    lohi_joined: true,
    nr_register: "r7",
    nr_bit: 0,
    ret: negative_errno("r0", Some("r1")),
    errno: &[],
    audit_arch: 0x4000_0028, // AUDIT_ARCH_ARM = EM_ARM | LE
    default_cfg: "any(target_arch = \"aarch64\", target_arch = \"arm\")",
    compat_prefix: "__arm64_compat_sys_",
    compat_cfg: "target_arch = \"aarch64\"",
    captures: &["arm-eabi", "armel-eabi"],
};
