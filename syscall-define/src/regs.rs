//! Register files laid out like Linux's `struct pt_regs`, and which ABI's arguments each holds.
//!
//! Every type is a plain `#[repr(C)]` struct of integers, so a stub for any ABI compiles on any
//! host: a 64-bit kernel decodes its 32-bit compat processes from its own `pt_regs`, and an
//! emulator or tracer decodes a foreign ABI from a register file it filled in itself.
//!
//! | ABI | register files | argument words |
//! |---|---|---|
//! | [`X86_64`] | [`x86_64::PtRegs`] | `di si dx r10 r8 r9` |
//! | [`Ia32`] | [`i386::PtRegs`], and [`x86_64::PtRegs`] of a 32-bit process (IA32 emulation) | `bx cx dx si di bp`, low 32 bits |
//! | [`Aarch64`] | [`arm64::PtRegs`] | `regs[0..6]` |
//! | [`Arm`] | [`arm::PtRegs`], and [`arm64::PtRegs`] of an AArch32 process (compat) | `r0..r5` / `regs[0..6]`, low 32 bits |
//! | [`Riscv64`] | [`riscv64::PtRegs`] | `orig_a0 a1 a2 a3 a4 a5` |
//!
//! A 32-bit ABI read from a 64-bit register file takes only the low 32 bits of each register:
//! what the upper halves hold never reaches a decoded value.

use crate::abi;

/// An ABI, as a type: the parameter that selects which stub, layout and registers are meant.
pub trait AbiTag: Copy + 'static {
    /// The ABI's data in the model.
    const ABI: &'static abi::Abi;
}

/// A register file that holds the system-call arguments of ABI `A`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a register file of the `{A}` ABI",
    label = "not a register file of `{A}`",
    note = "each ABI's entry stub reads the register file its kernel saves: see the table in `syscall_define::regs` (a 32-bit ABI also reads its 64-bit host's, e.g. `x86_64::PtRegs` for `Ia32`); name the ABIs that match the register file with `abi(...)`"
)]
pub trait ArgRegisters<A: AbiTag> {
    /// The raw argument word in `slot` (an index into [`Abi::arg_slots`](abi::Abi::arg_slots)).
    /// For a 32-bit ABI only the low 32 bits are meaningful; decoding ignores the rest.
    fn arg_word(&self, slot: usize) -> u64;

    /// [`arg_word`](ArgRegisters::arg_word), read through an address the optimiser cannot
    /// relate to `self`'s. A stub reads its first argument this way, so that load is not
    /// clustered with (and scheduled among) the others: it comes last, after the register-file
    /// pointer's last other use, and can land straight in the first argument register, where
    /// that pointer arrived. The register files of this module override it; the default is
    /// `arg_word`.
    #[inline(always)]
    fn arg_word_unclustered(&self, slot: usize) -> u64 {
        self.arg_word(slot)
    }

    /// Stores `word` into argument `slot` (for emulators and tests that build a register file).
    fn set_arg_word(&mut self, slot: usize, word: u64);
}

/// All argument words of ABI `A` in `regs`, in slot order (slots past the ABI's budget are 0).
pub fn arg_words<A: AbiTag, R: ArgRegisters<A> + ?Sized>(regs: &R) -> [u64; abi::MAX_SLOTS] {
    let mut words = [0; abi::MAX_SLOTS];
    for (slot, word) in words.iter_mut().enumerate().take(A::ABI.max_words()) {
        *word = regs.arg_word(slot);
    }
    words
}

macro_rules! abi_tag {
    ($(#[$doc:meta])* $name:ident => $abi:path) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $name;
        impl AbiTag for $name {
            const ABI: &'static abi::Abi = &$abi;
        }
    };
}

abi_tag!(
    /// x86-64 native ([`abi::X86_64`]).
    X86_64 => abi::X86_64
);
abi_tag!(
    /// i386, native or IA32 emulation on x86-64 ([`abi::IA32`]).
    Ia32 => abi::IA32
);
abi_tag!(
    /// AArch64 native ([`abi::AARCH64`]).
    Aarch64 => abi::AARCH64
);
abi_tag!(
    /// 32-bit ARM EABI, native or AArch32 on arm64 ([`abi::ARM`]).
    Arm => abi::ARM
);
abi_tag!(
    /// RISC-V 64 native ([`abi::RISCV64`]).
    Riscv64 => abi::RISCV64
);

/// `regs`, laundered through an empty `asm!`: the same address, which the optimiser can no longer
/// tell is `regs`'s. LLVM sorts loads off one base by offset and keeps them together (its
/// memory-operation clustering); where the first argument's field has the lowest offset (on an
/// x86-64 kernel, the ia32 and arm compat register files) it was loaded first, into a scratch
/// register, while the first argument register still held the register-file pointer, and cost
/// a `mov` to move it there. An output nothing uses removes the `asm!` and the load with it (an
/// unused argument is not read).
///
/// Only where it was measured to help (rustc 1.95 / LLVM, loads then a call with the arguments
/// in order): x86-64 and riscv32/64 save that `mov`. Elsewhere it is the identity: aarch64 and
/// arm fetch the first words with one paired load (`ldp`, `ldrd`, `ldm`) that the launder would
/// split; loongarch64 already loads the first word last; i386's C ABI passes arguments on the
/// stack.
#[inline(always)]
#[allow(clippy::pointers_in_nomem_asm_block)] // the asm only hands the address back
fn unclustered<T>(regs: &T) -> &T {
    #[cfg(all(
        not(miri),
        any(
            target_arch = "x86_64",
            target_arch = "riscv64",
            target_arch = "riscv32"
        )
    ))]
    {
        let mut address: *const T = regs;
        // SAFETY: the template is a comment: the address comes back unchanged, with its
        // provenance, and nothing is read or written.
        unsafe {
            core::arch::asm!(
                "/* {0} */",
                inout(reg) address,
                options(pure, nomem, nostack, preserves_flags)
            );
            &*address
        }
    }
    #[cfg(not(all(
        not(miri),
        any(
            target_arch = "x86_64",
            target_arch = "riscv64",
            target_arch = "riscv32"
        )
    )))]
    {
        regs
    }
}

/// Implements [`ArgRegisters`] by naming the field of each slot, in slot order.
macro_rules! arg_registers {
    ($regs:ty, $tag:ty, $word:ty: [$($field:tt)*]) => {
        impl ArgRegisters<$tag> for $regs {
            #[inline(always)]
            fn arg_word(&self, slot: usize) -> u64 {
                arg_registers!(@get self, slot, 0usize, [$($field)*])
            }
            #[inline(always)]
            fn arg_word_unclustered(&self, slot: usize) -> u64 {
                let regs = unclustered(self);
                arg_registers!(@get regs, slot, 0usize, [$($field)*])
            }
            #[inline(always)]
            fn set_arg_word(&mut self, slot: usize, word: u64) {
                arg_registers!(@set self, slot, word as $word, 0usize, [$($field)*])
            }
        }
    };
    (@get $s:ident, $slot:ident, $i:expr, [$f:ident[$n:literal] $($rest:tt)*]) => {
        if $slot == $i { $s.$f[$n] as u64 } else { arg_registers!(@get $s, $slot, $i + 1, [$($rest)*]) }
    };
    (@get $s:ident, $slot:ident, $i:expr, [$f:ident $($rest:tt)*]) => {
        if $slot == $i { $s.$f as u64 } else { arg_registers!(@get $s, $slot, $i + 1, [$($rest)*]) }
    };
    // Past the last slot: layouts never ask for one, and returning 0 keeps the stub free of a
    // panic path.
    (@get $s:ident, $slot:ident, $i:expr, []) => { 0 };
    (@set $s:ident, $slot:ident, $w:expr, $i:expr, [$f:ident[$n:literal] $($rest:tt)*]) => {
        if $slot == $i { $s.$f[$n] = $w } else { arg_registers!(@set $s, $slot, $w, $i + 1, [$($rest)*]) }
    };
    (@set $s:ident, $slot:ident, $w:expr, $i:expr, [$f:ident $($rest:tt)*]) => {
        if $slot == $i { $s.$f = $w } else { arg_registers!(@set $s, $slot, $w, $i + 1, [$($rest)*]) }
    };
    (@set $s:ident, $slot:ident, $w:expr, $i:expr, []) => { () };
}

/// x86-64 (`arch/x86/include/asm/ptrace.h`).
pub mod x86_64 {
    use super::*;

    /// `struct pt_regs` of x86-64: what the entry code saves, in the kernel's order.
    #[repr(C)]
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    #[allow(missing_docs)]
    pub struct PtRegs {
        pub r15: u64,
        pub r14: u64,
        pub r13: u64,
        pub r12: u64,
        pub bp: u64,
        pub bx: u64,
        pub r11: u64,
        pub r10: u64,
        pub r9: u64,
        pub r8: u64,
        pub ax: u64,
        pub cx: u64,
        pub dx: u64,
        pub si: u64,
        pub di: u64,
        /// The system-call number on entry.
        pub orig_ax: u64,
        pub ip: u64,
        pub cs: u64,
        pub flags: u64,
        pub sp: u64,
        pub ss: u64,
    }

    arg_registers!(PtRegs, X86_64, u64: [di si dx r10 r8 r9]);
    // A 32-bit process on a 64-bit kernel: the i386 registers, in the same pt_regs.
    arg_registers!(PtRegs, Ia32, u64: [bx cx dx si di bp]);
}

/// i386 (`arch/x86/include/asm/ptrace.h`, `CONFIG_X86_32`).
pub mod i386 {
    use super::*;

    /// `struct pt_regs` of a 32-bit x86 kernel (also the layout of i386 `user_regs_struct`).
    /// The segment fields hold the selector in their low 16 bits.
    #[repr(C)]
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    #[allow(missing_docs)]
    pub struct PtRegs {
        pub bx: u32,
        pub cx: u32,
        pub dx: u32,
        pub si: u32,
        pub di: u32,
        pub bp: u32,
        pub ax: u32,
        pub ds: u32,
        pub es: u32,
        pub fs: u32,
        pub gs: u32,
        /// The system-call number on entry.
        pub orig_ax: u32,
        pub ip: u32,
        pub cs: u32,
        pub flags: u32,
        pub sp: u32,
        pub ss: u32,
    }

    arg_registers!(PtRegs, Ia32, u32: [bx cx dx si di bp]);
}

/// arm64 (`arch/arm64/include/asm/ptrace.h`, Linux 6.1).
pub mod arm64 {
    use super::*;

    /// `struct pt_regs` of arm64. AArch32 (compat) register `rN` is `regs[N]`.
    #[repr(C)]
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    pub struct PtRegs {
        /// `x0..x30`.
        pub regs: [u64; 31],
        /// User stack pointer.
        pub sp: u64,
        /// Program counter.
        pub pc: u64,
        /// Processor state.
        pub pstate: u64,
        /// `x0` at entry: x0 is also the return register.
        pub orig_x0: u64,
        /// The system-call number (`regs[8]` native, `regs[7]` compat), or -1.
        pub syscallno: i32,
        /// Unused padding (`unused2`).
        pub unused2: u32,
        /// SDEI bookkeeping.
        pub sdei_ttbr1: u64,
        /// GIC priority mask, when priority masking is in use.
        pub pmr_save: u64,
        /// Frame record for unwinding.
        pub stackframe: [u64; 2],
        /// Lockdep state for some EL1 exceptions.
        pub lockdep_hardirqs: u64,
        /// RCU state for some EL1 exceptions.
        pub exit_rcu: u64,
    }

    arg_registers!(PtRegs, Aarch64, u64: [regs[0] regs[1] regs[2] regs[3] regs[4] regs[5]]);
    // An AArch32 process on a 64-bit kernel.
    arg_registers!(PtRegs, Arm, u64: [regs[0] regs[1] regs[2] regs[3] regs[4] regs[5]]);
}

/// 32-bit ARM (`arch/arm/include/uapi/asm/ptrace.h`).
pub mod arm {
    use super::*;

    /// `struct pt_regs` of 32-bit ARM: `uregs[0..=12]` are r0..r12, then sp, lr, pc, cpsr and
    /// `ORIG_r0`.
    #[repr(C)]
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    pub struct PtRegs {
        /// `r0..r15`, `cpsr` (16) and `ORIG_r0` (17).
        pub uregs: [u32; 18],
    }

    impl PtRegs {
        /// Index of `ORIG_r0` in [`uregs`](PtRegs::uregs).
        pub const ORIG_R0: usize = 17;
        /// Index of r7, the system-call number register of EABI.
        pub const R7: usize = 7;
    }

    arg_registers!(PtRegs, Arm, u32: [uregs[0] uregs[1] uregs[2] uregs[3] uregs[4] uregs[5]]);
}

/// RISC-V 64 (`arch/riscv/include/asm/ptrace.h`).
pub mod riscv64 {
    use super::*;

    /// `struct pt_regs` of RISC-V.
    #[repr(C)]
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    #[allow(missing_docs)]
    pub struct PtRegs {
        pub epc: u64,
        pub ra: u64,
        pub sp: u64,
        pub gp: u64,
        pub tp: u64,
        pub t0: u64,
        pub t1: u64,
        pub t2: u64,
        pub s0: u64,
        pub s1: u64,
        /// The return value; at syscall entry the kernel has moved arg0 to `orig_a0`.
        pub a0: u64,
        pub a1: u64,
        pub a2: u64,
        pub a3: u64,
        pub a4: u64,
        pub a5: u64,
        pub a6: u64,
        /// The system-call number.
        pub a7: u64,
        pub s2: u64,
        pub s3: u64,
        pub s4: u64,
        pub s5: u64,
        pub s6: u64,
        pub s7: u64,
        pub s8: u64,
        pub s9: u64,
        pub s10: u64,
        pub s11: u64,
        pub t3: u64,
        pub t4: u64,
        pub t5: u64,
        pub t6: u64,
        pub status: u64,
        pub badaddr: u64,
        pub cause: u64,
        /// arg0 as user space passed it.
        pub orig_a0: u64,
    }

    arg_registers!(PtRegs, Riscv64, u64: [orig_a0 a1 a2 a3 a4 a5]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::mem::size_of;

    #[test]
    fn sizes_match_linux() {
        assert_eq!(size_of::<x86_64::PtRegs>(), 21 * 8);
        assert_eq!(size_of::<i386::PtRegs>(), 17 * 4);
        assert_eq!(size_of::<arm::PtRegs>(), 18 * 4);
        assert_eq!(size_of::<riscv64::PtRegs>(), 36 * 8);
        // user_pt_regs (34 words) + orig_x0, syscallno/unused2, sdei_ttbr1, pmr_save,
        // stackframe[2], lockdep_hardirqs, exit_rcu: a multiple of 16 as the kernel requires.
        assert_eq!(size_of::<arm64::PtRegs>(), 42 * 8);
    }

    #[test]
    fn each_slot_reads_the_field_the_abi_names() {
        let mut r = x86_64::PtRegs::default();
        for (slot, _) in abi::X86_64.arg_slots.iter().enumerate() {
            ArgRegisters::<X86_64>::set_arg_word(&mut r, slot, 100 + slot as u64);
        }
        assert_eq!(
            (r.di, r.si, r.dx, r.r10, r.r8, r.r9),
            (100, 101, 102, 103, 104, 105)
        );
        let mut r = riscv64::PtRegs::default();
        ArgRegisters::<Riscv64>::set_arg_word(&mut r, 0, 7);
        assert_eq!((r.orig_a0, r.a0), (7, 0));
    }

    /// The stubs read the first argument with `arg_word_unclustered`: on every register file it
    /// must read the very field `arg_word` reads.
    #[test]
    fn unclustered_reads_are_plain_reads() {
        fn check<A: AbiTag, R: ArgRegisters<A> + Default>() {
            let mut regs = R::default();
            for slot in 0..A::ABI.max_words() {
                regs.set_arg_word(slot, 0x1111_0000 + slot as u64);
            }
            for slot in 0..A::ABI.max_words() {
                assert_eq!(regs.arg_word_unclustered(slot), regs.arg_word(slot));
                assert_eq!(regs.arg_word(slot), 0x1111_0000 + slot as u64);
            }
        }
        check::<X86_64, x86_64::PtRegs>();
        check::<Ia32, x86_64::PtRegs>();
        check::<Ia32, i386::PtRegs>();
        check::<Aarch64, arm64::PtRegs>();
        check::<Arm, arm64::PtRegs>();
        check::<Arm, arm::PtRegs>();
        check::<Riscv64, riscv64::PtRegs>();
    }
}
