//! x86: x86-64, x32 and i386 (ABI.md §2.1–2.3; `arch/x86/include/asm/syscall_wrapper.h`,
//! `arch/x86/include/asm/ptrace.h`, `arch/x86/kernel/sys_ia32.c`).

use super::negative_errno;
use crate::{Abi, AbiId, Endian, HalfOrder, NarrowValues, PairRule};

/// x86-64: `rdi rsi rdx r10 r8 r9` (`SC_X86_64_REGS_TO_ARGS`; r10, not rcx, because `syscall`
/// clobbers rcx and r11); the number in `orig_ax`, the result in `ax`.
pub const X86_64: Abi = Abi {
    id: AbiId::X86_64,
    name: "x86_64",
    aliases: &["amd64", "x64", "x86-64"],
    description: "64-bit x86",
    tag: "X86_64",
    konst: "X86_64",
    stub_prefix: "__x64_sys_",
    register_bits: 64,
    word_bits: 64,
    user_long_bits: 64,
    endian: Endian::Little,
    narrow_values: NarrowValues::Unspecified,
    pointer_mask: u64::MAX,
    arg_slots: &["di", "si", "dx", "r10", "r8", "r9"],
    stack_args: None,
    pair_rule: PairRule::OneRegister,
    half_order: HalfOrder::LowFirst,
    lohi_joined: false,
    nr_register: "orig_ax",
    nr_bit: 0,
    ret: negative_errno("ax", Some("dx")),
    errno: &[],
    audit_arch: 0xc000_003e, // AUDIT_ARCH_X86_64 = EM_X86_64 | 64BIT | LE
    default_cfg: "target_arch = \"x86_64\"",
    compat_prefix: "",
    compat_cfg: "",
    captures: &["x86_64"],
};

/// x32: the x86-64 registers and 64-bit registers for a 64-bit value, with 32-bit `long` and
/// pointers in user space; the number carries `__X32_SYSCALL_BIT` (`0x4000_0000`). Its common
/// system calls run the 64-bit kernel's own functions on the whole registers, so `isize`, `usize`
/// and pointers are whole registers, as on x86-64 (user space extends them, glibc commit df76ff3a);
/// `preadv`'s position is one register (`compat_sys_preadv64`). Linux's stubs for x32 are
/// `__x32_compat_sys_*` (≤ 5.x; `__x64_compat_sys_*` later). No capture: the host kernel has
/// `CONFIG_X86_X32_ABI` off and qemu-user has no x32 target (fixtures README).
pub const X32: Abi = Abi {
    id: AbiId::X32,
    name: "x32",
    aliases: &["x86_64_x32", "ilp32"],
    description: "x32, the ILP32 ABI of x86-64",
    tag: "X32",
    konst: "X32",
    stub_prefix: "__x32_sys_",
    register_bits: 64,
    word_bits: 64,
    user_long_bits: 32,
    endian: Endian::Little,
    narrow_values: NarrowValues::Unspecified,
    pointer_mask: u64::MAX,
    arg_slots: &["di", "si", "dx", "r10", "r8", "r9"],
    stack_args: None,
    pair_rule: PairRule::OneRegister,
    half_order: HalfOrder::LowFirst,
    lohi_joined: false,
    nr_register: "orig_ax",
    nr_bit: 0x4000_0000,
    ret: negative_errno("ax", Some("dx")),
    errno: &[],
    audit_arch: 0xc000_003e, // x32 is AUDIT_ARCH_X86_64; seccomp tells it by the number's bit
    default_cfg: "",
    compat_prefix: "__x32_compat_sys_",
    compat_cfg: "",
    captures: &[],
};

/// i386 / ia32: `ebx ecx edx esi edi ebp`; a 64-bit value takes two consecutive registers, low
/// half first, with no alignment (`sys_ia32_pread64(…, u32 poslo, u32 poshi)`). A 32-bit kernel,
/// or a 32-bit process on an x86-64 kernel (IA32 emulation, the low 32 bits of its `pt_regs`).
pub const IA32: Abi = Abi {
    id: AbiId::Ia32,
    name: "ia32",
    aliases: &["i386", "i486", "i586", "i686", "x86", "x86_32", "ia-32"],
    description: "32-bit x86 (a 32-bit kernel, or a 32-bit process on an x86-64 kernel)",
    tag: "Ia32",
    konst: "IA32",
    stub_prefix: "__ia32_sys_",
    register_bits: 32,
    word_bits: 32,
    user_long_bits: 32,
    endian: Endian::Little,
    narrow_values: NarrowValues::Unspecified,
    pointer_mask: u64::MAX,
    arg_slots: &["bx", "cx", "dx", "si", "di", "bp"],
    stack_args: None,
    pair_rule: PairRule::Consecutive,
    half_order: HalfOrder::LowFirst,
    lohi_joined: true,
    nr_register: "orig_ax",
    nr_bit: 0,
    ret: negative_errno("ax", Some("dx")),
    errno: &[],
    audit_arch: 0x4000_0003, // AUDIT_ARCH_I386 = EM_386 | LE
    default_cfg: "any(target_arch = \"x86_64\", target_arch = \"x86\")",
    compat_prefix: "__ia32_compat_sys_",
    compat_cfg: "target_arch = \"x86_64\"",
    captures: &["i386"],
};
