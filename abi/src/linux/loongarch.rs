//! LoongArch (ABI.md §2.13; `arch/loongarch/kernel/syscall.c`: `syscall_fn(regs->orig_a0,
//! regs->regs[5], …, regs->regs[9])`, after `regs->orig_a0 = regs->regs[4]; regs->regs[4] =
//! -ENOSYS`).

use super::negative_errno;
use crate::{Abi, AbiId, Endian, HalfOrder, NarrowValues, PairRule};

/// LoongArch64: `orig_a0, a1..a5` (`regs[5..=9]`), number in a7 (`regs[11]`), result in a0
/// (`regs[4]`). 64-bit only, no compat. No capture: the fixtures have no loongarch build.
pub const LOONGARCH64: Abi = Abi {
    id: AbiId::Loongarch64,
    name: "loongarch64",
    aliases: &["loongarch", "la64"],
    description: "64-bit LoongArch",
    tag: "Loongarch64",
    konst: "LOONGARCH64",
    stub_prefix: "__loongarch64_sys_",
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
    audit_arch: 0xc000_0102, // AUDIT_ARCH_LOONGARCH64 = EM_LOONGARCH | 64BIT | LE
    default_cfg: "target_arch = \"loongarch64\"",
    compat_prefix: "",
    compat_cfg: "",
    captures: &[],
};
