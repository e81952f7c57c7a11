//! What an ABI is, as data: the types of the table in [`linux`](crate::linux).

/// Byte order of the ABI; it decides which half of a split 64-bit value comes first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Endian {
    /// Least significant byte first.
    Little,
    /// Most significant byte first.
    Big,
}

/// How a 64-bit argument ([`ArgKind::Wide`](crate::ArgKind::Wide)) is passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PairRule {
    /// The value fits one register (64-bit registers: every 64-bit ABI, and x32 and mips n32,
    /// whose C `long` is 32 bits but whose registers are 64).
    OneRegister,
    /// Two consecutive slots, starting anywhere (i386, riscv32, s390 31-bit, sparc32, parisc,
    /// m68k).
    Consecutive,
    /// Two consecutive slots starting at an even slot index; an odd slot is skipped as padding
    /// (arm EABI, mips o32, ppc32).
    EvenAligned,
}

/// Which half of a split 64-bit value sits in the lower-numbered slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HalfOrder {
    /// Low word first (little-endian ABIs).
    LowFirst,
    /// High word first (big-endian ABIs).
    HighFirst,
}

/// How a value narrower than the register sits in a 64-bit register, as user space leaves it
/// there (what an emulator writing a register file should do; decoding never relies on it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NarrowValues {
    /// The ABI leaves the upper bits unspecified (x86-64, aarch64, loongarch64); glibc
    /// zero-extends most of them. A 32-bit ABI on 32-bit registers is also this.
    Unspecified,
    /// Sign-extended from bit 31 whatever the C type, unsigned and pointers included (riscv64,
    /// MIPS64: n64, n32).
    SignExtended,
    /// Extended by the C type: `int` sign-, `unsigned int` zero-extended (s390x, powerpc64,
    /// sparc64 ELF ABIs).
    ByType,
}

/// Where the kernel finds argument words past the registers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StackArgs {
    /// The first slot that is a user-stack word (mips o32: 4).
    pub first_slot: u8,
    /// Its offset from the user stack pointer, in bytes (mips o32: 16); each further slot is one
    /// word higher.
    pub sp_offset: u8,
}

/// How a failed system call is told apart from a successful one (ABI.md §7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorConvention {
    /// The result register holds `-errno`; results in `-max_errno..=-1` are errors.
    NegativeErrno {
        /// The largest errno (Linux's `MAX_ERRNO`, 4095).
        max_errno: u16,
    },
    /// A flag register is set to 1 and the result register holds `+errno` (mips: a3).
    FlagRegister {
        /// The flag register, as the register file names it.
        flag: &'static str,
        /// The largest errno the exit path flips (mips: `EMAXERRNO`, 1133).
        max_errno: u16,
    },
    /// A condition bit is set and the result register holds `+errno` (powerpc `sc`: CR0.SO;
    /// sparc: the carry flags).
    ConditionBit {
        /// The register that holds the bit.
        register: &'static str,
        /// The bit(s) the exit path sets (sparc64 sets two; either means an error).
        mask: u64,
        /// The largest errno the exit path flips.
        max_errno: u16,
    },
}

/// The return side of an ABI: where the result goes and how an error is signalled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ReturnConvention {
    /// The result register.
    pub result: &'static str,
    /// The second result register, where the ABI has one (`pipe` on mips, alpha, sparc, …).
    pub second: Option<&'static str>,
    /// How an error is signalled.
    pub error: ErrorConvention,
}

/// One system-call ABI, as data. Every ABI is declared once, in `abi/src/linux/<arch>.rs`, with
/// the sources of its facts; everything else (the macro's ABI names, the facade's ABI types and
/// register files, descriptors, tests, benches) is derived from that table.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Abi {
    /// Which ABI this is.
    pub id: crate::AbiId,
    /// Its name in attributes and messages (`x86_64`, `ia32`, `mips_o32`, …).
    pub name: &'static str,
    /// Other names people use for it (`i386` for `ia32`): the macro suggests `name` for them.
    pub aliases: &'static [&'static str],
    /// What it is, in a few words, for messages and docs.
    pub description: &'static str,
    /// The facade's type for it (`syscall_define::regs::MipsO32`).
    pub tag: &'static str,
    /// The name of its constant in this crate (`MIPS_O32`).
    pub konst: &'static str,
    /// Prefix of its entry stubs: Linux's own where Linux has a pt_regs wrapper for it
    /// (`__x64_sys_`, `__ia32_sys_`, `__arm64_sys_`, `__riscv_sys_`, `__s390x_sys_`,
    /// `__s390_sys_`), elsewhere `__NAME_sys_`. Unique per ABI.
    pub stub_prefix: &'static str,
    /// Width of a register: 32 or 64.
    pub register_bits: u32,
    /// Width of the kernel's C `long` and pointers for this ABI's native definitions: what an
    /// `isize`, `usize` or pointer argument holds. 32 on 32-bit ABIs; 64 on 64-bit ones, x32 and
    /// mips n32 included (their system calls run the 64-bit kernel's own functions on whole
    /// registers).
    pub word_bits: u32,
    /// Width of user space's C `long`: 32 on x32 and mips n32, else `word_bits`.
    pub user_long_bits: u32,
    /// Byte order.
    pub endian: Endian,
    /// How user space leaves a narrower value in a 64-bit register.
    pub narrow_values: NarrowValues,
    /// A mask applied to every pointer argument (s390 31-bit compat: `0x7fff_ffff`, Linux's
    /// `compat_ptr`); `u64::MAX` elsewhere.
    pub pointer_mask: u64,
    /// The argument slots in order, named as the ABI names the register (`di`, `regs[0]`, `r0`,
    /// `orig_a0`, `orig_gpr2`; `orig_` where the kernel reads the first argument from a saved
    /// copy because the register is also the result) or the user-stack word (`sp+16`). Their
    /// number is the ABI's argument-word budget.
    pub arg_slots: &'static [&'static str],
    /// Slots that are user-stack words (mips o32's 5th..8th), if any.
    pub stack_args: Option<StackArgs>,
    /// How 64-bit arguments are passed.
    pub pair_rule: PairRule,
    /// Which half of a pair comes first.
    pub half_order: HalfOrder,
    /// Whether a [`LoHi`](crate::ArgKind::LoHi) value (preadv's `pos_l, pos_h`) is joined from
    /// both words (32-bit ABIs, and mips n32, whose entry is `compat_sys_preadv(…, u32 pos_low,
    /// u32 pos_high)`) or is the low word alone (64-bit ABIs, and x32, whose entry is
    /// `compat_sys_preadv64(…, loff_t pos)`).
    pub lohi_joined: bool,
    /// The register that holds the system-call number.
    pub nr_register: &'static str,
    /// A bit set in the number to select this ABI (x32's `__X32_SYSCALL_BIT`, `0x4000_0000`);
    /// 0 if none.
    pub nr_bit: u64,
    /// Where the result goes and how errors are signalled.
    pub ret: ReturnConvention,
    /// The errors this ABI numbers differently from the generic table, as `(name, generic
    /// number, this ABI's number)` ([`linux::errno`](crate::linux::errno): mips, sparc, parisc);
    /// empty where the numbering is the generic one.
    pub errno: &'static [(&'static str, u16, u16)],
    /// Its `AUDIT_ARCH_*` value (`include/uapi/linux/audit.h`), as seccomp and audit see it.
    pub audit_arch: u32,
    /// The `cfg` predicate under which `#[syscall_define]` emits its stubs by default: the
    /// targets whose kernel serves this ABI (`target_arch = "x86_64"`). Empty: only on request.
    pub default_cfg: &'static str,
    /// Prefix of the stubs of a compat definition (`#[syscall_define(compat)]`, Linux's
    /// `COMPAT_SYSCALL_DEFINE`) for this ABI, where a 64-bit kernel serves it as compat:
    /// Linux's own (`__ia32_compat_sys_`, `__x32_compat_sys_`, `__arm64_compat_sys_`,
    /// `__riscv_compat_sys_`, `__s390_compat_sys_`), elsewhere `__NAME_compat_sys_`. Empty for an
    /// ABI that is no kernel's compat ABI.
    pub compat_prefix: &'static str,
    /// The `cfg` predicate under which a compat definition emits this ABI's stubs by default:
    /// the 64-bit targets whose kernel serves it as compat. Empty: only on request.
    pub compat_cfg: &'static str,
    /// The fixture files (`tests/fixtures/NAME.json`) whose real captures verify it.
    pub captures: &'static [&'static str],
}

impl Abi {
    /// This ABI's number for the error with generic number `generic` (what the facade's `Errno`
    /// holds): the same on most ABIs, another on mips, sparc and parisc (ENOSYS: 38, 89, 90,
    /// 251).
    pub const fn errno_to_abi(&self, generic: u16) -> u16 {
        let mut i = 0;
        while i < self.errno.len() {
            if self.errno[i].1 == generic {
                return self.errno[i].2;
            }
            i += 1;
        }
        generic
    }

    /// The generic number of this ABI's error `number` (the inverse of
    /// [`errno_to_abi`](Abi::errno_to_abi)); a number the generic table does not have
    /// (mips' `EINIT`, parisc's `ENOSYM`) is returned as it is.
    pub const fn errno_from_abi(&self, number: u16) -> u16 {
        let mut i = 0;
        while i < self.errno.len() {
            if self.errno[i].2 == number {
                return self.errno[i].1;
            }
            i += 1;
        }
        number
    }

    /// The argument-word budget: how many slots the ABI has.
    #[inline(always)]
    pub const fn max_words(&self) -> usize {
        self.arg_slots.len()
    }

    /// The name of the register that holds the result (`ax`, `r0`, `v0`).
    pub const fn return_register(&self) -> &'static str {
        self.ret.result
    }

    /// Whether slot `slot` is a user-stack word rather than a register.
    pub const fn is_stack_slot(&self, slot: usize) -> bool {
        match self.stack_args {
            Some(stack) => slot >= stack.first_slot as usize,
            None => false,
        }
    }

    /// The register-file field(s) an argument placed at `place` is read from:
    /// `(slot, None)` for one word, `(low half, Some(high half))` for a pair.
    pub fn slot_name(&self, place: crate::Placement) -> (&'static str, Option<&'static str>) {
        use crate::Placement;
        match place {
            Placement::One(slot) => (self.arg_slots[slot as usize], None),
            Placement::Pair { lo, hi } | Placement::LoHi { lo, hi } => (
                self.arg_slots[lo as usize],
                Some(self.arg_slots[hi as usize]),
            ),
        }
    }

    /// Looks an ABI up by its [`name`](Abi::name).
    pub fn by_name(name: &str) -> Option<&'static Abi> {
        crate::ALL.iter().copied().find(|abi| abi.name == name)
    }

    /// Looks an ABI up by one of its [`aliases`](Abi::aliases) or its name, ignoring case and
    /// `-`/`_`.
    pub fn by_alias(name: &str) -> Option<&'static Abi> {
        let same = |a: &str| {
            a.len() == name.len()
                && a.bytes().zip(name.bytes()).all(|(x, y)| {
                    let norm = |c: u8| {
                        if c == b'-' {
                            b'_'
                        } else {
                            c.to_ascii_lowercase()
                        }
                    };
                    norm(x) == norm(y)
                })
        };
        crate::ALL
            .iter()
            .copied()
            .find(|abi| same(abi.name) || abi.aliases.iter().any(|a| same(a)))
    }
}
