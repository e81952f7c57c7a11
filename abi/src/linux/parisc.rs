//! PA-RISC (ABI.md §2.15; `arch/parisc/include/asm/syscall.h`, `arch/parisc/kernel/sys_parisc.c`).

use super::negative_errno;
use crate::{Abi, AbiId, Endian, HalfOrder, NarrowValues, PairRule};

/// PA-RISC 32-bit: `r26, r25, r24, r23, r22, r21` (`gr[26]` down to `gr[21]`), number in r20,
/// result in r28; a 64-bit value in two consecutive slots, high half first, **no** padding (the
/// kernel's `parisc_*` wrappers take `(high, low)`; glibc and QEMU agree). A 32-bit kernel, or a
/// 32-bit process on a parisc64 kernel. Rust has no hppa target, so it is never a default.
pub const PARISC: Abi = Abi {
    id: AbiId::Parisc,
    name: "parisc",
    aliases: &["hppa", "pa_risc", "parisc32"],
    description: "32-bit PA-RISC (a 32-bit kernel, or a 32-bit process on parisc64)",
    tag: "Parisc",
    konst: "PARISC",
    stub_prefix: "__parisc_sys_",
    register_bits: 32,
    word_bits: 32,
    user_long_bits: 32,
    endian: Endian::Big,
    narrow_values: NarrowValues::Unspecified,
    pointer_mask: u64::MAX,
    arg_slots: &["r26", "r25", "r24", "r23", "r22", "r21"],
    stack_args: None,
    pair_rule: PairRule::Consecutive,
    half_order: HalfOrder::HighFirst,
    lohi_joined: true,
    nr_register: "r20",
    nr_bit: 0,
    ret: negative_errno("r28", None),
    errno: super::errno::PARISC,
    audit_arch: 0x0000_000f, // AUDIT_ARCH_PARISC = EM_PARISC
    default_cfg: "",
    compat_prefix: "__parisc_compat_sys_",
    compat_cfg: "",
    captures: &["hppa"],
};
