//! The table: every Linux system-call ABI, one constant each, in a file per architecture.
//!
//! Adding an ABI is one constant in its architecture's file, one line in [`for_each_abi!`](crate::for_each_abi), a
//! register file in the facade (`syscall-define/src/regs/`) and its fixtures: nothing else names
//! ABIs one by one. [`validate`] checks every entry at compile time.

pub mod arm;
pub mod errno;
pub mod loongarch;
pub mod m68k;
pub mod mips;
pub mod parisc;
pub mod powerpc;
pub mod riscv;
pub mod s390;
pub mod sparc;
pub mod x86;

/// Calls `$callback!` with the list of every ABI, `CONSTANT => Tag,`: the constant in this
/// crate, and the name of the ABI's type in the facade (`syscall_define::regs::Tag`). The one
/// list of ABIs; everything that needs a type or an item per ABI is generated from it.
#[macro_export]
#[doc(hidden)]
macro_rules! for_each_abi {
    ($callback:path) => {
        $callback! {
            X86_64 => X86_64,
            X32 => X32,
            IA32 => Ia32,
            AARCH64 => Aarch64,
            ARM => Arm,
            RISCV64 => Riscv64,
            RISCV32 => Riscv32,
            LOONGARCH64 => Loongarch64,
            MIPS_O32 => MipsO32,
            MIPSEL_O32 => MipselO32,
            MIPS_N32 => MipsN32,
            MIPS_N64 => MipsN64,
            MIPSEL_N64 => MipselN64,
            PPC32 => Ppc32,
            PPC64 => Ppc64,
            PPC64LE => Ppc64le,
            S390X => S390x,
            S390 => S390,
            SPARC64 => Sparc64,
            SPARC32 => Sparc32,
            PARISC => Parisc,
            M68K => M68k,
        }
    };
}

macro_rules! declare_list {
    ($($konst:ident => $tag:ident,)*) => {
        /// Identifies an ABI of the table; the variants are named like the facade's types.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[allow(missing_docs)] // each is documented by its constant
        pub enum AbiId {
            $($tag,)*
        }

        /// Every ABI, in table order.
        pub const ALL: &[&crate::Abi] = &[$(&$konst,)*];

        // Each entry's `id`, `konst` and `tag` must be the ones it is listed under.
        const _: () = {
            $(
                assert!(matches!($konst.id, AbiId::$tag), concat!(stringify!($konst), ": `id` is not AbiId::", stringify!($tag)));
                assert!(str_eq($konst.konst, stringify!($konst)), concat!(stringify!($konst), ": `konst` must be \"", stringify!($konst), "\""));
                assert!(str_eq($konst.tag, stringify!($tag)), concat!(stringify!($konst), ": `tag` must be \"", stringify!($tag), "\""));
            )*
        };
    };
}

for_each_abi!(declare_list);

pub use arm::{AARCH64, ARM};
pub use loongarch::LOONGARCH64;
pub use m68k::M68K;
pub use mips::{MIPS_N32, MIPS_N64, MIPS_O32, MIPSEL_N64, MIPSEL_O32};
pub use parisc::PARISC;
pub use powerpc::{PPC32, PPC64, PPC64LE};
pub use riscv::{RISCV32, RISCV64};
pub use s390::{S390, S390X};
pub use sparc::{SPARC32, SPARC64};
pub use x86::{IA32, X32, X86_64};

/// Linux's `MAX_ERRNO`: results in `-4095..=-1` are errors on the `-errno` ABIs.
pub(crate) const MAX_ERRNO: u16 = 4095;

/// The convention of most ABIs: `-errno` in the result register.
pub(crate) const fn negative_errno(
    result: &'static str,
    second: Option<&'static str>,
) -> crate::ReturnConvention {
    crate::ReturnConvention {
        result,
        second,
        error: crate::ErrorConvention::NegativeErrno {
            max_errno: MAX_ERRNO,
        },
    }
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Why `abi` is not a consistent table entry, or `None`. Checked for every entry at compile
/// time: a wrong entry does not build.
pub const fn validate(abi: &crate::Abi) -> Option<&'static str> {
    use crate::{HalfOrder, PairRule};
    let words = abi.arg_slots.len();
    if words < crate::MAX_ARGS || words > crate::MAX_SLOTS {
        return Some("an ABI has 6 to 8 argument slots");
    }
    if !(abi.register_bits == 32 || abi.register_bits == 64) {
        return Some("`register_bits` is 32 or 64");
    }
    if !(abi.word_bits == 32 || abi.word_bits == 64) || abi.word_bits > abi.register_bits {
        return Some("`word_bits` is 32 or 64, and not wider than a register");
    }
    if abi.user_long_bits > abi.word_bits {
        return Some("user space's `long` is not wider than the kernel's");
    }
    match (abi.pair_rule, abi.register_bits) {
        (PairRule::OneRegister, 32) => {
            return Some("a 64-bit value does not fit one 32-bit register");
        }
        (PairRule::Consecutive | PairRule::EvenAligned, 64) if abi.word_bits == 64 => {
            return Some(
                "an ABI with 64-bit registers and `long` passes a 64-bit value in one register",
            );
        }
        _ => {}
    }
    let natural = match abi.endian {
        crate::Endian::Little => HalfOrder::LowFirst,
        crate::Endian::Big => HalfOrder::HighFirst,
    };
    if !matches!(abi.pair_rule, PairRule::OneRegister) && abi.half_order as u8 != natural as u8 {
        return Some("a register pair's halves come in the ABI's byte order");
    }
    if abi.lohi_joined && abi.user_long_bits != 32 {
        return Some("only an ABI whose user space has a 32-bit `long` splits a LoHi value");
    }
    if let Some(stack) = abi.stack_args
        && stack.first_slot as usize >= words
    {
        return Some("stack arguments start at an argument slot");
    }
    if abi.pointer_mask != u64::MAX && abi.word_bits != 32 {
        return Some("only a 32-bit ABI masks its pointers");
    }
    let mut i = 0;
    while i < abi.errno.len() {
        let mut j = i + 1;
        while j < abi.errno.len() {
            if abi.errno[i].1 == abi.errno[j].1 || abi.errno[i].2 == abi.errno[j].2 {
                return Some("an errno table maps each number once, both ways");
            }
            j += 1;
        }
        i += 1;
    }
    if abi.compat_prefix.is_empty() != abi.compat_cfg.is_empty() && abi.compat_prefix.is_empty() {
        return Some("a compat default needs a compat prefix");
    }
    if !abi.compat_prefix.is_empty() && abi.user_long_bits != 32 {
        return Some("a compat ABI is a 32-bit one (or x32, n32) that a 64-bit kernel serves");
    }
    let prefix = abi.stub_prefix.as_bytes();
    if prefix.len() < 6
        || prefix[0] != b'_'
        || prefix[1] != b'_'
        || prefix[prefix.len() - 1] != b'_'
    {
        return Some("a stub prefix is `__…_`");
    }
    None
}

const _: () = {
    let mut i = 0;
    while i < ALL.len() {
        if let Some(why) = validate(ALL[i]) {
            panic!("{}", why);
        }
        let mut j = i + 1;
        while j < ALL.len() {
            if str_eq(ALL[i].name, ALL[j].name) || str_eq(ALL[i].stub_prefix, ALL[j].stub_prefix) {
                panic!("two ABIs share a name or a stub prefix");
            }
            let (a, b) = (ALL[i].compat_prefix, ALL[j].compat_prefix);
            if !a.is_empty() && (str_eq(a, b) || str_eq(a, ALL[j].stub_prefix)) {
                panic!("two ABIs share a compat stub prefix");
            }
            j += 1;
        }
        i += 1;
    }
};
