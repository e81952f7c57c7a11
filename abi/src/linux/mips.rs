//! MIPS: o32 (big- and little-endian), n32 and n64 (ABI.md §2.11–2.12;
//! `arch/mips/include/asm/syscall.h` `mips_get_syscall_arg`, `arch/mips/kernel/scall32-o32.S`,
//! `scall64-o32.S`, `scall64-n32.S`, `scall64-n64.S`).
//!
//! Errors: `a3` (r7) = 1 and `v0` = +errno for results -1133..-1 (`EMAXERRNO`), `a3` = 0
//! otherwise. o32 takes its 5th..8th argument words from the user stack at sp+16..sp+28; the
//! entry code copies them to the kernel's `pt_regs` (a 32-bit kernel: the argument save area at
//! its start; a 64-bit kernel: `regs[8..=11]`, the n64 registers a4..a7).

use crate::{
    Abi, AbiId, Endian, ErrorConvention, HalfOrder, NarrowValues, PairRule, ReturnConvention,
    StackArgs,
};

const MIPS_RETURN: ReturnConvention = ReturnConvention {
    result: "v0",
    second: Some("v1"),
    error: ErrorConvention::FlagRegister {
        flag: "a3",
        max_errno: 1133,
    },
};

const O32_SLOTS: &[&str] = &["a0", "a1", "a2", "a3", "sp+16", "sp+20", "sp+24", "sp+28"];
const O32_STACK: Option<StackArgs> = Some(StackArgs {
    first_slot: 4,
    sp_offset: 16,
});

/// MIPS o32, big-endian: `a0..a3` then the user stack words `sp+16..sp+28` (8 words: Linux's o32
/// table has 7-word `fadvise64_64` and `sync_file_range`); pairs start at an even slot, high half
/// first; number in v0 (4000 + n).
pub const MIPS_O32: Abi = Abi {
    id: AbiId::MipsO32,
    name: "mips_o32",
    aliases: &["mips", "mips32", "o32", "mipseb_o32", "mips_o32_be"],
    description: "32-bit MIPS o32, big-endian (a 32-bit kernel, or o32 on a 64-bit kernel)",
    tag: "MipsO32",
    konst: "MIPS_O32",
    stub_prefix: "__mips_o32_sys_",
    register_bits: 32,
    word_bits: 32,
    user_long_bits: 32,
    endian: Endian::Big,
    narrow_values: NarrowValues::Unspecified,
    pointer_mask: u64::MAX,
    arg_slots: O32_SLOTS,
    stack_args: O32_STACK,
    pair_rule: PairRule::EvenAligned,
    half_order: HalfOrder::HighFirst,
    lohi_joined: true,
    nr_register: "v0",
    nr_bit: 0,
    ret: MIPS_RETURN,
    errno: super::errno::MIPS,
    audit_arch: 0x0000_0008, // AUDIT_ARCH_MIPS = EM_MIPS
    default_cfg: "all(any(target_arch = \"mips\", target_arch = \"mips64\"), target_endian = \"big\")",
    compat_prefix: "__mips_o32_compat_sys_",
    compat_cfg: "all(target_arch = \"mips64\", target_endian = \"big\")",
    captures: &["mips-o32"],
};

/// MIPS o32, little-endian: as [`MIPS_O32`], but a pair's low half comes first (the fixtures:
/// pread64's pos is sp+16 = low, sp+20 = high).
pub const MIPSEL_O32: Abi = Abi {
    id: AbiId::MipselO32,
    name: "mipsel_o32",
    aliases: &["mipsel", "mipsel32", "mips_o32_le"],
    description: "32-bit MIPS o32, little-endian (a 32-bit kernel, or o32 on a 64-bit kernel)",
    tag: "MipselO32",
    konst: "MIPSEL_O32",
    stub_prefix: "__mipsel_o32_sys_",
    endian: Endian::Little,
    half_order: HalfOrder::LowFirst,
    audit_arch: 0x4000_0008, // AUDIT_ARCH_MIPSEL = EM_MIPS | LE
    default_cfg: "all(any(target_arch = \"mips\", target_arch = \"mips64\"), target_endian = \"little\")",
    compat_prefix: "__mipsel_o32_compat_sys_",
    compat_cfg: "all(target_arch = \"mips64\", target_endian = \"little\")",
    captures: &["mipsel-o32"],
    ..MIPS_O32
};

/// MIPS n64 (big-endian): `a0..a5` (`regs[4..=9]`), 64-bit registers; number in v0 (5000 + n).
/// 32-bit values are sign-extended in their registers, unsigned ones too (the MIPS64
/// convention). Little-endian n64 passes arguments the same way (with `AUDIT_ARCH_MIPSEL64`).
pub const MIPS_N64: Abi = Abi {
    id: AbiId::MipsN64,
    name: "mips_n64",
    aliases: &["mips64", "n64", "mips64_n64"],
    description: "64-bit MIPS n64",
    tag: "MipsN64",
    konst: "MIPS_N64",
    stub_prefix: "__mips_n64_sys_",
    register_bits: 64,
    word_bits: 64,
    user_long_bits: 64,
    endian: Endian::Big,
    narrow_values: NarrowValues::SignExtended,
    pointer_mask: u64::MAX,
    arg_slots: &["a0", "a1", "a2", "a3", "a4", "a5"],
    stack_args: None,
    pair_rule: PairRule::OneRegister,
    half_order: HalfOrder::HighFirst,
    lohi_joined: false,
    nr_register: "v0",
    nr_bit: 0,
    ret: MIPS_RETURN,
    errno: super::errno::MIPS,
    audit_arch: 0x8000_0008, // AUDIT_ARCH_MIPS64 = EM_MIPS | 64BIT
    default_cfg: "all(target_arch = \"mips64\", target_endian = \"big\")",
    compat_prefix: "",
    compat_cfg: "",
    captures: &["mips64-n64"],
};

/// MIPS n32 (big-endian): ILP32 user space on 64-bit registers, only on a 64-bit kernel; the
/// n64 registers, and a 64-bit value in one register. Its system calls are the 64-bit kernel's
/// own functions, so `long` and pointers are whole registers (the fixtures decode with the
/// kernel's 8-byte words), except `preadv`'s family, whose entry takes the two 32-bit halves.
/// Number in v0 (6000 + n).
pub const MIPS_N32: Abi = Abi {
    id: AbiId::MipsN32,
    name: "mips_n32",
    aliases: &["n32", "mips64_n32", "mipsn32"],
    description: "MIPS n32, the ILP32 ABI of 64-bit MIPS",
    tag: "MipsN32",
    konst: "MIPS_N32",
    stub_prefix: "__mips_n32_sys_",
    user_long_bits: 32,
    lohi_joined: true,
    audit_arch: 0xa000_0008, // AUDIT_ARCH_MIPS64N32 = EM_MIPS | 64BIT | CONVENTION_MIPS64_N32
    compat_prefix: "__mips_n32_compat_sys_",
    compat_cfg: "all(target_arch = \"mips64\", target_endian = \"big\")",
    captures: &["mips64-n32"],
    ..MIPS_N64
};

/// MIPS n64, little-endian: arguments exactly as [`MIPS_N64`] (no pairs, so byte order does not
/// move them), another audit arch. No capture: the fixtures' n64 build is big-endian.
pub const MIPSEL_N64: Abi = Abi {
    id: AbiId::MipselN64,
    name: "mipsel_n64",
    aliases: &["mips64el", "mipsel64", "mips64el_n64"],
    description: "64-bit MIPS n64, little-endian",
    tag: "MipselN64",
    konst: "MIPSEL_N64",
    stub_prefix: "__mipsel_n64_sys_",
    endian: Endian::Little,
    half_order: HalfOrder::LowFirst,
    audit_arch: 0xc000_0008, // AUDIT_ARCH_MIPSEL64 = EM_MIPS | 64BIT | LE
    default_cfg: "all(target_arch = \"mips64\", target_endian = \"little\")",
    compat_prefix: "",
    compat_cfg: "",
    captures: &[],
    ..MIPS_N64
};
