//! Return values: what an ABI's exit path writes for a system call's result, and what a tracer
//! reads back (Linux's `syscall_set_return_value`, `syscall_get_return_value`,
//! `syscall_get_error`; ABI.md §7), on raw words. The facade applies them to register files.

use crate::{Abi, ErrorConvention};

/// The error indication of an ABI's result, beside the result register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Indication {
    /// The result register alone says it (`-errno`).
    InResult,
    /// A flag register is 1 for an error and 0 for success (mips a3).
    Flag(bool),
    /// A condition bit is set for an error and cleared for success (powerpc CR0.SO, sparc carry).
    Condition(bool),
}

impl Abi {
    /// The largest errno the ABI's exit path recognises (4095; mips 1133; sparc 516).
    pub const fn max_errno(&self) -> u16 {
        match self.ret.error {
            ErrorConvention::NegativeErrno { max_errno }
            | ErrorConvention::FlagRegister { max_errno, .. }
            | ErrorConvention::ConditionBit { max_errno, .. } => max_errno,
        }
    }

    /// A stub's return value as the ABI's `long`: a 32-bit ABI's is its low 32 bits,
    /// sign-extended (the exit path of a 32-bit process stores 32 bits).
    pub const fn return_as_long(&self, ret: i64) -> i64 {
        if self.word_bits == 32 {
            ret as i32 as i64
        } else {
            ret
        }
    }

    /// Whether `ret`, what a stub returned (`-errno` for an error), is an error on this ABI:
    /// `-max_errno..=-1` of its `long` (Linux's `IS_ERR_VALUE`, mips' `EMAXERRNO`, sparc's
    /// `ERESTART_RESTARTBLOCK`).
    pub const fn is_error_return(&self, ret: i64) -> bool {
        let ret = self.return_as_long(ret);
        ret < 0 && ret >= -(self.max_errno() as i64)
    }

    /// What the exit path writes for `ret`: the result register's word (zero-extended from a
    /// 32-bit ABI's word, as arm64's `lower_32_bits` for compat) and the error indication. An
    /// error is `+errno` with the flag or condition set where the ABI has one, `-errno` in the
    /// result elsewhere. `force_success` writes `ret` as a success whatever it looks like
    /// (Linux's `force_successful_syscall_return()`: ptrace peeks, `getpriority` on alpha).
    pub const fn encode_return(&self, ret: i64, force_success: bool) -> (u64, Indication) {
        let ret = self.return_as_long(ret);
        let error = !force_success && self.is_error_return(ret);
        let value = match self.ret.error {
            ErrorConvention::NegativeErrno { .. } => ret,
            _ if error => -ret,
            _ => ret,
        };
        let word = if self.word_bits == 32 {
            value as u64 & 0xffff_ffff
        } else {
            value as u64
        };
        let indication = match self.ret.error {
            ErrorConvention::NegativeErrno { .. } => Indication::InResult,
            ErrorConvention::FlagRegister { .. } => Indication::Flag(error),
            ErrorConvention::ConditionBit { .. } => Indication::Condition(error),
        };
        (word, indication)
    }

    /// What a tracer reads back from the result word and the error indication (for
    /// [`Indication::InResult`], whether it is set is ignored): the value, or the errno.
    pub const fn decode_return(&self, result: u64, indication: Indication) -> Result<i64, u16> {
        let value = self.return_as_long(result as i64);
        match indication {
            Indication::InResult if self.is_error_return(value) => Err((-value) as u16),
            Indication::InResult => Ok(value),
            Indication::Flag(true) | Indication::Condition(true) => Err(value as u16),
            Indication::Flag(false) | Indication::Condition(false) => Ok(value),
        }
    }
}
