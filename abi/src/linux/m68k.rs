//! m68k (`arch/m68k/kernel/entry.S`: `system_call` saves `d1..d5, a0` as the C arguments of
//! the table's function; `arch/m68k/include/uapi/asm/ptrace.h`).

use super::negative_errno;
use crate::{Abi, AbiId, Endian, HalfOrder, NarrowValues, PairRule};

/// m68k: `d1..d5, a0`, number in d0 (`orig_d0`), result in d0; a 64-bit value in two
/// consecutive registers, high half first, no padding (the fixtures: pread64's pos in d4:d5).
pub const M68K: Abi = Abi {
    id: AbiId::M68k,
    name: "m68k",
    aliases: &["m68000", "m68020", "coldfire"],
    description: "Motorola 68k",
    tag: "M68k",
    konst: "M68K",
    stub_prefix: "__m68k_sys_",
    register_bits: 32,
    word_bits: 32,
    user_long_bits: 32,
    endian: Endian::Big,
    narrow_values: NarrowValues::Unspecified,
    pointer_mask: u64::MAX,
    arg_slots: &["d1", "d2", "d3", "d4", "d5", "a0"],
    stack_args: None,
    pair_rule: PairRule::Consecutive,
    half_order: HalfOrder::HighFirst,
    lohi_joined: true,
    nr_register: "orig_d0",
    nr_bit: 0,
    ret: negative_errno("d0", None),
    errno: &[],
    audit_arch: 0x0000_0004, // AUDIT_ARCH_M68K = EM_68K
    default_cfg: "target_arch = \"m68k\"",
    compat_prefix: "",
    compat_cfg: "",
    captures: &["m68k"],
};
