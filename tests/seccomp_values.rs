//! How the seccomp tests read an argument's type on an ABI: which bits hold its value and
//! whether it is signed. Shared by `seccomp.rs` and `seccomp_policies.rs` (and, through the
//! latter, `libseccomp.rs` and the seccomp bench); the tests' own reading of Linux's types,
//! written apart from the compiler's.

use syscall_define::abi::{Abi, ArgKind};

/// The value bits of `kind` on `abi` and whether it is signed.
pub fn bits_and_sign(kind: ArgKind, abi: &Abi) -> (u32, bool) {
    match kind {
        ArgKind::Int { bits, signed } => (u32::from(bits), signed),
        ArgKind::Long { signed } => (abi.word_bits, signed),
        // s390 compat's pointers are 31 bits.
        ArgKind::Pointer => (
            abi.word_bits.min(64 - abi.pointer_mask.leading_zeros()),
            false,
        ),
        ArgKind::Wide { signed } => (64, signed),
        ArgKind::LoHi => (64, false),
    }
}

/// Whether a type of `bits` (signed or not) holds `value`.
pub fn fits(value: i128, bits: u32, signed: bool) -> bool {
    if signed {
        value >= -(1i128 << (bits - 1)) && value < (1i128 << (bits - 1))
    } else {
        value >= 0 && value < (1i128 << bits)
    }
}
