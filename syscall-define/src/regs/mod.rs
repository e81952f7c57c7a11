//! Register files laid out like Linux's `struct pt_regs`, and which ABI's arguments each holds.
//!
//! Every type is a plain `#[repr(C)]` struct of integers, so a stub for any ABI compiles on any
//! host: a 64-bit kernel decodes its 32-bit compat processes from its own `pt_regs`, and an
//! emulator or tracer decodes a foreign ABI from a register file it filled in itself.
//!
//! | ABI | register files | argument words |
//! |---|---|---|
//! | [`X86_64`], [`X32`] | [`x86_64::PtRegs`] | `di si dx r10 r8 r9` |
//! | [`Ia32`] | [`i386::PtRegs`], [`x86_64::PtRegs`] (IA32 emulation) | `bx cx dx si di bp` |
//! | [`Aarch64`] | [`arm64::PtRegs`] | `regs[0..=5]` |
//! | [`Arm`] | [`arm::PtRegs`], [`arm64::PtRegs`] (AArch32 compat) | `r0..r5` / `regs[0..=5]` |
//! | [`Riscv64`] | [`riscv64::PtRegs`] | `orig_a0 a1..a5` |
//! | [`Riscv32`] | [`riscv32::PtRegs`], [`riscv64::PtRegs`] (rv32 compat) | `orig_a0 a1..a5` |
//! | [`Loongarch64`] | [`loongarch64::PtRegs`] | `orig_a0 regs[5..=9]` |
//! | [`MipsO32`], [`MipselO32`] | [`mips::PtRegs`], [`mips64::PtRegs`] (o32 on a 64-bit kernel) | `regs[4..=7]`, then the stack words the entry code copied: `args[4..=7]` / `regs[8..=11]` |
//! | [`MipsN64`], [`MipselN64`], [`MipsN32`] | [`mips64::PtRegs`] | `regs[4..=9]` |
//! | [`Ppc32`] | [`ppc32::PtRegs`], [`ppc64::PtRegs`] (compat) | `gpr[3..=8]` |
//! | [`Ppc64`], [`Ppc64le`] | [`ppc64::PtRegs`] | `gpr[3..=8]` |
//! | [`S390x`], [`S390`] (31-bit compat) | [`s390x::PtRegs`] | `orig_gpr2 gprs[3..=7]` |
//! | [`Sparc64`] | [`sparc64::PtRegs`] | `u_regs[8..=13]` (the user's `%o0..%o5`) |
//! | [`Sparc32`] | [`sparc32::PtRegs`], [`sparc64::PtRegs`] (compat) | `u_regs[8..=13]` |
//! | [`Parisc`] | [`parisc::PtRegs`], [`parisc64::PtRegs`] (compat) | `gr[26]` down to `gr[21]` |
//! | [`M68k`] | [`m68k::PtRegs`] | `d1..d5 a0` |
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

// One type per ABI of the table (`syscall_define_abi::for_each_abi!`), named as the table says.
macro_rules! abi_tags {
    ($($konst:ident => $tag:ident,)*) => {$(
        #[doc = concat!("The `", stringify!($konst), "` ABI as a type ([`abi::", stringify!($konst), "`]): selects its stubs, layouts and register files.")]
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $tag;
        impl AbiTag for $tag {
            const ABI: &'static abi::Abi = &abi::$konst;
        }
    )*};
}
syscall_define_abi::for_each_abi!(abi_tags);

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

/// Implements [`ResultRegisters`](crate::ResultRegisters) by naming the result, second result and
/// error-indication fields (`flag FIELD`: a whole register 1 or 0; `bit FIELD MASK`: bits set or
/// cleared; `none`).
macro_rules! result_registers {
    ($regs:ty, $tag:ty: result [$($r:tt)+], second [$($s:tt)*], $($error:tt)+) => {
        impl crate::ResultRegisters<$tag> for $regs {
            #[inline(always)]
            fn result_word(&self) -> u64 {
                self.$($r)+ as u64
            }
            #[inline(always)]
            fn set_result_word(&mut self, word: u64) {
                self.$($r)+ = word as _;
            }
            #[inline(always)]
            fn second_word(&self) -> u64 {
                result_registers!(@get self [$($s)*])
            }
            #[inline(always)]
            fn set_second_word(&mut self, word: u64) {
                result_registers!(@set self [$($s)*], word)
            }
            #[inline(always)]
            fn error_indicated(&self) -> bool {
                result_registers!(@is_error self $($error)+)
            }
            #[inline(always)]
            fn set_error_indicated(&mut self, error: bool) {
                result_registers!(@set_error self, error, $($error)+)
            }
        }
    };
    (@get $s:ident []) => { 0 };
    (@get $s:ident [$($f:tt)+]) => { $s.$($f)+ as u64 };
    (@set $s:ident [], $w:ident) => { { let _ = $w; } };
    (@set $s:ident [$($f:tt)+], $w:ident) => { $s.$($f)+ = $w as _ };
    (@is_error $s:ident none) => { false };
    (@is_error $s:ident flag [$($f:tt)+]) => { $s.$($f)+ != 0 };
    (@is_error $s:ident bit [$($f:tt)+] $mask:expr) => { ($s.$($f)+ as u64) & $mask != 0 };
    (@set_error $s:ident, $e:ident, none) => { { let _ = $e; } };
    (@set_error $s:ident, $e:ident, flag [$($f:tt)+]) => { $s.$($f)+ = $e as _ };
    (@set_error $s:ident, $e:ident, bit [$($f:tt)+] $mask:expr) => {
        $s.$($f)+ = if $e {
            ($s.$($f)+ as u64 | $mask) as _
        } else {
            ($s.$($f)+ as u64 & !$mask) as _
        }
    };
}

/// The register file an ABI's exported (`extern "C"`) stubs take: the one the target's kernel
/// saves for a process of that ABI (an ia32 process on an x86-64 kernel: the x86-64 `pt_regs`).
/// Each register file's module implements it for the ABIs whose kernel saves it.
#[doc(hidden)]
pub trait ExportRegs: AbiTag {
    /// The register file.
    type Regs: ArgRegisters<Self> + 'static;
}

// One module per register file, laid out as Linux's `struct pt_regs` of that kernel.
pub mod arm;
pub mod arm64;
pub mod i386;
pub mod loongarch64;
pub mod m68k;
pub mod mips;
pub mod mips64;
pub mod parisc;
pub mod parisc64;
pub mod ppc32;
pub mod ppc64;
pub mod riscv32;
pub mod riscv64;
pub mod s390x;
pub mod sparc32;
pub mod sparc64;
pub mod x86_64;

/// Every (ABI, register file) pair of this module, for `$callback!` (tests and benches loop
/// over it): `Tag => register::File,`.
#[doc(hidden)]
#[macro_export]
macro_rules! for_each_register_file {
    ($callback:path) => {
        $callback! {
            X86_64 => x86_64::PtRegs,
            X32 => x86_64::PtRegs,
            Ia32 => i386::PtRegs,
            Ia32 => x86_64::PtRegs,
            Aarch64 => arm64::PtRegs,
            Arm => arm::PtRegs,
            Arm => arm64::PtRegs,
            Riscv64 => riscv64::PtRegs,
            Riscv32 => riscv32::PtRegs,
            Riscv32 => riscv64::PtRegs,
            Loongarch64 => loongarch64::PtRegs,
            MipsO32 => mips::PtRegs,
            MipsO32 => mips64::PtRegs,
            MipselO32 => mips::PtRegs,
            MipselO32 => mips64::PtRegs,
            MipsN32 => mips64::PtRegs,
            MipsN64 => mips64::PtRegs,
            MipselN64 => mips64::PtRegs,
            Ppc32 => ppc32::PtRegs,
            Ppc32 => ppc64::PtRegs,
            Ppc64 => ppc64::PtRegs,
            Ppc64le => ppc64::PtRegs,
            S390x => s390x::PtRegs,
            S390 => s390x::PtRegs,
            Sparc64 => sparc64::PtRegs,
            Sparc32 => sparc32::PtRegs,
            Sparc32 => sparc64::PtRegs,
            Parisc => parisc::PtRegs,
            Parisc => parisc64::PtRegs,
            M68k => m68k::PtRegs,
        }
    };
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
        assert_eq!(size_of::<riscv32::PtRegs>(), 36 * 4);
        // user_pt_regs (34 words) + orig_x0, syscallno/unused2, sdei_ttbr1, pmr_save,
        // stackframe[2], lockdep_hardirqs, exit_rcu: a multiple of 16 as the kernel requires.
        assert_eq!(size_of::<arm64::PtRegs>(), 42 * 8);
        assert_eq!(size_of::<loongarch64::PtRegs>(), (32 + 1 + 7) * 8);
        assert_eq!(size_of::<mips::PtRegs>(), (8 + 32 + 6) * 4);
        assert_eq!(size_of::<mips64::PtRegs>(), (32 + 6) * 8);
        assert_eq!(size_of::<ppc32::PtRegs>(), 44 * 4);
        assert_eq!(size_of::<ppc64::PtRegs>(), 44 * 8);
        // args[1], psw, gprs[16], orig_gpr2, int_code + int_parm, int_parm_long, flags, cr1,
        // last_break.
        assert_eq!(size_of::<s390x::PtRegs>(), 25 * 8);
        assert_eq!(size_of::<sparc64::PtRegs>(), 19 * 8 + 2 * 4);
        assert_eq!(size_of::<sparc32::PtRegs>(), 20 * 4);
        assert_eq!(size_of::<parisc::PtRegs>(), 32 * 4 + 32 * 8 + 22 * 4);
        assert_eq!(size_of::<parisc64::PtRegs>(), 32 * 8 + 32 * 8 + 22 * 8);
        assert_eq!(size_of::<m68k::PtRegs>(), 11 * 4 + 2 + 4 + 2);
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
        let mut r = s390x::PtRegs::default();
        ArgRegisters::<S390x>::set_arg_word(&mut r, 0, 7);
        assert_eq!((r.orig_gpr2, r.gprs[2]), (7, 0));
        let mut r = mips::PtRegs::default();
        ArgRegisters::<MipsO32>::set_arg_word(&mut r, 4, 5);
        assert_eq!(
            r.args[4], 5,
            "o32's 5th word: the save area the entry code copies it to"
        );
        let mut r = mips64::PtRegs::default();
        ArgRegisters::<MipsO32>::set_arg_word(&mut r, 4, 5);
        assert_eq!(r.regs[8], 5, "o32 on a 64-bit kernel: a4");
        let mut r = sparc64::PtRegs::default();
        ArgRegisters::<Sparc64>::set_arg_word(&mut r, 0, 9);
        assert_eq!(r.u_regs[sparc64::PtRegs::UREG_I0], 9);
        let mut r = parisc::PtRegs::default();
        ArgRegisters::<Parisc>::set_arg_word(&mut r, 5, 3);
        assert_eq!(r.gr[21], 3);
    }

    /// Every slot of every register file is its own field, and the stubs' first-argument read
    /// (`arg_word_unclustered`) reads the very field `arg_word` reads.
    #[test]
    fn every_register_file_has_distinct_slots_and_unclustered_reads_are_plain_reads() {
        fn check<A: AbiTag, R: ArgRegisters<A> + Default>() {
            let mut regs = R::default();
            for slot in 0..A::ABI.max_words() {
                regs.set_arg_word(slot, 0x1111_0000 + slot as u64);
            }
            for slot in 0..A::ABI.max_words() {
                assert_eq!(regs.arg_word_unclustered(slot), regs.arg_word(slot));
                assert_eq!(
                    regs.arg_word(slot),
                    0x1111_0000 + slot as u64,
                    "{}",
                    A::ABI.name
                );
            }
        }
        macro_rules! each {
            ($($tag:ident => $regs:ty,)*) => {$( check::<$tag, $regs>(); )*};
        }
        crate::for_each_register_file!(each);
    }

    #[test]
    fn every_abi_has_a_register_file() {
        macro_rules! each {
            ($($tag:ident => $regs:ty,)*) => {
                const COVERED: &[abi::AbiId] = &[$(<$tag as AbiTag>::ABI.id),*];
            };
        }
        crate::for_each_register_file!(each);
        let covered = COVERED;
        for abi in abi::ALL {
            assert!(
                covered.contains(&abi.id),
                "{} has no register file",
                abi.name
            );
        }
    }
}
