//! RISC-V (ABI.md §2.8; `arch/riscv/include/asm/syscall_wrapper.h`, `arch/riscv/kernel/traps.c`).
//! The entry code moves a0 to `orig_a0` and presets a0 = -ENOSYS, so the first argument is read
//! from `orig_a0`.

use super::negative_errno;
use crate::{Abi, AbiId, Endian, HalfOrder, NarrowValues, PairRule};

/// RISC-V 64: `orig_a0, a1..a5`, number in a7, result in a0.
pub const RISCV64: Abi = Abi {
    id: AbiId::Riscv64,
    name: "riscv64",
    aliases: &["riscv", "rv64", "riscv64gc", "risc_v"],
    description: "64-bit RISC-V",
    tag: "Riscv64",
    konst: "RISCV64",
    stub_prefix: "__riscv_sys_",
    register_bits: 64,
    word_bits: 64,
    user_long_bits: 64,
    endian: Endian::Little,
    narrow_values: NarrowValues::SignExtended,
    pointer_mask: u64::MAX,
    arg_slots: &["orig_a0", "a1", "a2", "a3", "a4", "a5"],
    stack_args: None,
    pair_rule: PairRule::OneRegister,
    half_order: HalfOrder::LowFirst,
    lohi_joined: false,
    nr_register: "a7",
    nr_bit: 0,
    ret: negative_errno("a0", Some("a1")),
    errno: &[],
    audit_arch: 0xc000_00f3, // AUDIT_ARCH_RISCV64 = EM_RISCV | 64BIT | LE
    default_cfg: "target_arch = \"riscv64\"",
    compat_prefix: "",
    compat_cfg: "",
    captures: &["riscv64"],
};

/// RISC-V 32: `orig_a0, a1..a5`; a 64-bit value takes two consecutive registers, low half
/// first, with no alignment (the rv32 C ABI through `__SYSCALL_SE_DEFINEx`, and the generic
/// `compat_arg_u64_dual` halves of rv32 compat on rv64; musl and QEMU agree). A native rv32
/// kernel also reads a6 for a 7th word; no Linux system call needs one, and rv32 compat reads six,
/// so six slots are modelled. No capture: the fixtures have no riscv32 build.
pub const RISCV32: Abi = Abi {
    id: AbiId::Riscv32,
    name: "riscv32",
    aliases: &["rv32", "riscv32gc", "compat_riscv"],
    description: "32-bit RISC-V (a 32-bit kernel, or an rv32 process on an rv64 kernel)",
    tag: "Riscv32",
    konst: "RISCV32",
    stub_prefix: "__riscv32_sys_",
    register_bits: 32,
    word_bits: 32,
    user_long_bits: 32,
    endian: Endian::Little,
    narrow_values: NarrowValues::Unspecified,
    pointer_mask: u64::MAX,
    arg_slots: &["orig_a0", "a1", "a2", "a3", "a4", "a5"],
    stack_args: None,
    pair_rule: PairRule::Consecutive,
    half_order: HalfOrder::LowFirst,
    lohi_joined: true,
    nr_register: "a7",
    nr_bit: 0,
    ret: negative_errno("a0", Some("a1")),
    errno: &[],
    audit_arch: 0x4000_00f3, // AUDIT_ARCH_RISCV32 = EM_RISCV | LE
    default_cfg: "target_arch = \"riscv32\"",
    compat_prefix: "__riscv_compat_sys_",
    compat_cfg: "",
    captures: &[],
};
