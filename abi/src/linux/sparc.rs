//! SPARC (ABI.md §2.14; `arch/sparc/include/asm/syscall.h`, `arch/sparc/kernel/syscalls.S`,
//! `arch/sparc/kernel/sys_sparc32.c`). The user's `%o0..%o5` are the kernel's
//! `u_regs[UREG_I0..=UREG_I5]` after the trap; the number is `%g1`. An error sets the carry
//! (sparc64: `TSTATE_XCARRY | TSTATE_ICARRY`; sparc32: `PSR_C`) and `%o0` = +errno, for results
//! -516..-1 (`-ERESTART_RESTARTBLOCK`, Linux 6.1; a 2023 fix widens it to -1133).

use crate::{
    Abi, AbiId, Endian, ErrorConvention, HalfOrder, NarrowValues, PairRule, ReturnConvention,
};

/// sparc64: `o0..o5`, one register each; `int` sign- and `unsigned` zero-extended.
pub const SPARC64: Abi = Abi {
    id: AbiId::Sparc64,
    name: "sparc64",
    aliases: &["sparcv9"],
    description: "64-bit SPARC (V9)",
    tag: "Sparc64",
    konst: "SPARC64",
    stub_prefix: "__sparc64_sys_",
    register_bits: 64,
    word_bits: 64,
    user_long_bits: 64,
    endian: Endian::Big,
    narrow_values: NarrowValues::ByType,
    pointer_mask: u64::MAX,
    arg_slots: &["o0", "o1", "o2", "o3", "o4", "o5"],
    stack_args: None,
    pair_rule: PairRule::OneRegister,
    half_order: HalfOrder::HighFirst,
    lohi_joined: false,
    nr_register: "g1",
    nr_bit: 0,
    ret: ReturnConvention {
        result: "o0",
        second: Some("o1"),
        error: ErrorConvention::ConditionBit {
            register: "tstate",
            mask: (1 << 36) | (1 << 32), // TSTATE_XCARRY | TSTATE_ICARRY
            max_errno: 516,
        },
    },
    errno: super::errno::SPARC,
    audit_arch: 0x8000_002b, // AUDIT_ARCH_SPARC64 = EM_SPARCV9 | 64BIT
    default_cfg: "target_arch = \"sparc64\"",
    compat_prefix: "",
    compat_cfg: "",
    captures: &["sparc64"],
};

/// sparc32: `o0..o5`; a 64-bit value in two consecutive registers, high half first, no padding
/// (`sys32_pread64(…, poshi, poslo)`; Al Viro: sparc has "no padding"). A 32-bit kernel, or a
/// 32-bit process on sparc64 (whose entry zero-extends every argument: `srl %i0, 0, %o0`). No
/// capture: the fixtures have no sparc32 build.
pub const SPARC32: Abi = Abi {
    id: AbiId::Sparc32,
    name: "sparc32",
    aliases: &["sparc", "sparcv8"],
    description: "32-bit SPARC (a 32-bit kernel, or a 32-bit process on sparc64)",
    tag: "Sparc32",
    konst: "SPARC32",
    stub_prefix: "__sparc32_sys_",
    register_bits: 32,
    word_bits: 32,
    user_long_bits: 32,
    narrow_values: NarrowValues::Unspecified,
    pair_rule: PairRule::Consecutive,
    lohi_joined: true,
    ret: ReturnConvention {
        result: "o0",
        second: Some("o1"),
        error: ErrorConvention::ConditionBit {
            register: "psr",
            mask: 0x0010_0000, // PSR_C
            max_errno: 516,
        },
    },
    errno: super::errno::SPARC,
    audit_arch: 0x0000_0002, // AUDIT_ARCH_SPARC = EM_SPARC
    default_cfg: "any(target_arch = \"sparc\", target_arch = \"sparc64\")",
    compat_prefix: "__sparc32_compat_sys_",
    compat_cfg: "target_arch = \"sparc64\"",
    captures: &[],
    ..SPARC64
};
