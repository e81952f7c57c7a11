//! `Int { bits: 32 }` on a 2-byte type: the stub would hand `decode` 32 bits for a 16-bit value.
use syscall_define::abi::ArgKind;
use syscall_define::{Errno, SyscallArg, syscall_define};

struct Mode(u16);

impl SyscallArg for Mode {
    const KIND: ArgKind = ArgKind::Int { bits: 32, signed: false };
    fn decode(value: u64) -> Result<Self, Errno> {
        Ok(Mode(value as u16))
    }
    fn encode(&self) -> u64 {
        u64::from(self.0)
    }
}

#[syscall_define(abi(x86_64))]
fn umask(mask: Mode) -> i32 {
    i32::from(mask.0)
}

fn main() {}
