//! A newtype declaring `Int { bits: 64 }` would be read from one register on ia32, where its
//! value takes two: the kind is checked against the type.
use syscall_define::abi::ArgKind;
use syscall_define::{Errno, SyscallArg, syscall_define};

struct Offset(i64);

impl SyscallArg for Offset {
    const KIND: ArgKind = ArgKind::Int { bits: 64, signed: true };
    fn decode(value: u64) -> Result<Self, Errno> {
        Ok(Offset(value as i64))
    }
    fn encode(&self) -> u64 {
        self.0 as u64
    }
}

#[syscall_define(abi(x86_64, ia32))]
fn lseek64(fd: u32, offset: Offset) -> isize {
    let _ = (fd, offset.0);
    0
}

fn main() {}
