//! The Linux system-call ABI model behind `#[syscall_define]`.
//!
//! One source of truth, used by three callers: the proc macro (to place registers and report
//! misuse on the right token), the `const` checks in generated code (so type aliases and newtypes
//! are placed by what they are, not by how they are spelled), and run-time users such as tracers
//! ("where is argument 3 on arm?").
//!
//! An [`Abi`] is data: its argument slots in order (the register each is read from, or a user
//! stack word), register and `long` widths, endianness, the rule for 64-bit arguments, the number
//! register, the return and error convention, its stub prefix and `AUDIT_ARCH_*`. Every Linux ABI
//! is one constant in [`linux`], in a file per architecture, and [`ALL`] lists them; the facade's
//! ABI types, the macro's ABI names and the test and bench loops are derived from that table.
//! [`allocate`] turns a list of [`ArgKind`]s into a [`Layout`]: for each argument, the slot or
//! slot pair it comes from.
//!
//! ```
//! use syscall_define_abi::{allocate, ArgKind, Placement, ARM, IA32, X86_64};
//!
//! // pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos)
//! let kinds = [
//!     ArgKind::Int { bits: 32, signed: false },
//!     ArgKind::Pointer,
//!     ArgKind::Long { signed: false },
//!     ArgKind::Wide { signed: true },
//! ];
//! // x86-64: one register each; pos is r10.
//! let x64 = allocate(&X86_64, &kinds).unwrap();
//! assert_eq!(X86_64.slot_name(x64.arg(3)), ("r10", None));
//! // ia32: pos is split over two consecutive registers, low half first.
//! let ia32 = allocate(&IA32, &kinds).unwrap();
//! assert_eq!(ia32.arg(3), Placement::Pair { lo: 3, hi: 4 });
//! assert_eq!(IA32.slot_name(ia32.arg(3)), ("si", Some("di")));
//! // arm EABI: the pair must start at an even register, so r3 is skipped.
//! let arm = allocate(&ARM, &kinds).unwrap();
//! assert_eq!(arm.arg(3), Placement::Pair { lo: 4, hi: 5 });
//! assert!(arm.is_pad(3));
//! ```
#![no_std]

mod allocate;
mod layout;
pub mod linux;
mod model;
mod ret;

pub use allocate::{AllocError, AllocErrorKind, allocate, allocate_in_order, is_permutation};
pub use layout::{ArgKind, Layout, Placement, decode_value, join_pair};
pub use linux::*;
pub use model::{
    Abi, Endian, ErrorConvention, HalfOrder, NarrowValues, PairRule, ReturnConvention, StackArgs,
};
pub use ret::Indication;

/// Linux caps a system call at six arguments (`SYSCALL_DEFINE_MAXARGS`).
pub const MAX_ARGS: usize = 6;
/// The most argument words any ABI has (mips o32: four registers and four stack words).
pub const MAX_SLOTS: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    const INT: ArgKind = ArgKind::Int {
        bits: 32,
        signed: true,
    };
    const WIDE: ArgKind = ArgKind::Wide { signed: true };

    #[test]
    fn sync_file_range_on_arm_needs_seven_words_and_suggests_sync_file_range2_order() {
        // sync_file_range(int fd, loff_t offset, loff_t nbytes, unsigned int flags)
        let err = allocate(&ARM, &[INT, WIDE, WIDE, INT]).unwrap_err();
        assert_eq!(err.kind, AllocErrorKind::OutOfWords);
        assert_eq!(err.arg, 3, "flags is the argument that falls off");
        assert_eq!((err.words_needed, err.words_available), (7, 6));
        assert_eq!(err.pads, 0b10, "r1 is skipped to align offset");
        assert_eq!(&err.reorder.unwrap()[..4], &[0, 3, 1, 2]);
    }

    #[test]
    fn ia32_has_no_alignment_and_arm_skips_an_odd_register() {
        let kinds = [INT, INT, WIDE, WIDE]; // fallocate
        let ia32 = allocate(&IA32, &kinds).unwrap();
        assert_eq!(ia32.arg(2), Placement::Pair { lo: 2, hi: 3 });
        assert_eq!(ia32.arg(3), Placement::Pair { lo: 4, hi: 5 });
        let arm = allocate(&ARM, &[INT, WIDE]).unwrap(); // ftruncate64
        assert_eq!(arm.arg(1), Placement::Pair { lo: 2, hi: 3 });
        assert_eq!(arm.pad_mask(), 0b10);
        assert!(!arm.uses(1));
    }

    #[test]
    fn big_endian_abis_put_the_high_half_first() {
        let l = allocate(&MIPS_O32, &[INT, WIDE, WIDE, INT]).unwrap();
        assert_eq!(l.arg(1), Placement::Pair { lo: 3, hi: 2 });
        assert_eq!(l.arg(2), Placement::Pair { lo: 5, hi: 4 });
        assert_eq!(l.arg(3), Placement::One(6));
        assert_eq!(MIPS_O32.slot_name(l.arg(3)), ("sp+24", None));
    }

    #[test]
    fn seven_arguments_are_too_many_everywhere() {
        for abi in ALL {
            let err = allocate(abi, &[INT; 7]).unwrap_err();
            assert_eq!(err.kind, AllocErrorKind::TooManyArguments);
            assert_eq!(err.arg, 6);
        }
    }

    #[test]
    fn no_order_helps_when_the_words_alone_are_too_many() {
        // five words plus a 64-bit value on ia32: 7 words whatever the order.
        let err = allocate(&IA32, &[INT, INT, INT, INT, INT, WIDE]).unwrap_err();
        assert_eq!((err.words_needed, err.reorder), (7, None));
    }

    #[test]
    fn decode_value_extends_by_kind() {
        let garbage = 0xdead_beef_0000_0000;
        let long = ArgKind::Long { signed: true };
        assert_eq!(
            decode_value(long, garbage | 0xffff_fffe, &IA32),
            (-2i64) as u64
        );
        assert_eq!(decode_value(long, 0xffff_fffe, &X86_64), 0xffff_fffe);
        let ulong = ArgKind::Long { signed: false };
        assert_eq!(
            decode_value(ulong, garbage | 0xffff_fffe, &ARM),
            0xffff_fffe
        );
        let int = ArgKind::Int {
            bits: 16,
            signed: true,
        };
        assert_eq!(decode_value(int, 0x1234_8000, &X86_64), (-32768i64) as u64);
        assert_eq!(
            decode_value(ArgKind::Pointer, garbage | 0x1000, &IA32),
            0x1000
        );
    }

    #[test]
    fn lo_hi_is_two_unaligned_words_low_first_everywhere() {
        // preadv(unsigned long fd, const struct iovec *vec, unsigned long vlen, pos_l, pos_h)
        let kinds = [
            ArgKind::Long { signed: false },
            ArgKind::Pointer,
            ArgKind::Long { signed: false },
            ArgKind::LoHi,
        ];
        for abi in ALL {
            let l = allocate(abi, &kinds).unwrap();
            assert_eq!(l.arg(3), Placement::LoHi { lo: 3, hi: 4 }, "{}", abi.name);
            assert_eq!(l.pad_mask(), 0, "{}: never aligned", abi.name);
        }
        let words = [0, 0, 0, 0x1122_3344_5566_7788, 0xdead_beef];
        assert_eq!(
            allocate(&X86_64, &kinds).unwrap().raw(3, &words),
            0x1122_3344_5566_7788
        );
        let words = [0, 0, 0, 0x5566_7788, 0x1122_3344];
        assert_eq!(
            allocate(&PPC32, &kinds).unwrap().raw(3, &words),
            0x1122_3344_5566_7788
        );
        let packed = allocate(&X86_64, &kinds)
            .unwrap()
            .pack(&X86_64, &kinds, &[0, 0, 0, 7]);
        assert_eq!((packed[3], packed[4]), (7, 0));
    }

    #[test]
    fn allocate_in_order_places_by_register_order_but_indexes_by_declaration() {
        let kinds = [INT, WIDE, WIDE, INT];
        let l = allocate_in_order(&ARM, &kinds, &[0, 3, 1, 2]).unwrap();
        assert_eq!(l.arg(3), Placement::One(1));
        assert_eq!(l.arg(1), Placement::Pair { lo: 2, hi: 3 });
        assert_eq!(l.arg(2), Placement::Pair { lo: 4, hi: 5 });
        assert!(is_permutation(&[0, 3, 1, 2], 4));
        assert!(!is_permutation(&[0, 3, 3, 2], 4));
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;

    #[test]
    fn every_entry_is_valid_and_found_by_name_and_alias() {
        for abi in ALL {
            assert_eq!(linux::validate(abi), None, "{}", abi.name);
            assert_eq!(Abi::by_name(abi.name).map(|a| a.id), Some(abi.id));
            for alias in abi.aliases {
                assert_eq!(Abi::by_alias(alias).map(|a| a.id), Some(abi.id), "{alias}");
            }
        }
        assert_eq!(Abi::by_alias("I386").map(|a| a.name), Some("ia32"));
        assert_eq!(Abi::by_alias("mips-o32").map(|a| a.name), Some("mips_o32"));
    }

    #[test]
    fn s390_compat_masks_pointers_to_31_bits() {
        assert_eq!(
            decode_value(ArgKind::Pointer, 0xffff_ffff_8000_1000, &S390),
            0x1000
        );
        assert_eq!(
            decode_value(ArgKind::Pointer, 0x8000_1000, &S390X),
            0x8000_1000
        );
    }

    #[test]
    fn pack_leaves_narrow_values_as_user_space_does() {
        let kinds = [
            ArgKind::Int {
                bits: 32,
                signed: false,
            },
            ArgKind::Int {
                bits: 32,
                signed: true,
            },
        ];
        let values = [0x8765_4321, (-1i64) as u64];
        let l = allocate(&RISCV64, &kinds).unwrap();
        assert_eq!(
            &l.pack(&RISCV64, &kinds, &values)[..2],
            &[0xffff_ffff_8765_4321, u64::MAX]
        );
        let l = allocate(&S390X, &kinds).unwrap();
        assert_eq!(
            &l.pack(&S390X, &kinds, &values)[..2],
            &[0x8765_4321, u64::MAX]
        );
        let l = allocate(&X86_64, &kinds).unwrap();
        assert_eq!(
            &l.pack(&X86_64, &kinds, &values)[..2],
            &[0x8765_4321, 0xffff_ffff]
        );
    }
}
