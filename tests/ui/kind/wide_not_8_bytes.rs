//! `Wide` (a register pair on 32-bit ABIs) on a 4-byte type.
use syscall_define::abi::ArgKind;
use syscall_define::{Errno, SyscallArg, syscall_define};

struct Length(u32);

impl SyscallArg for Length {
    const KIND: ArgKind = ArgKind::Wide { signed: false };
    fn decode(value: u64) -> Result<Self, Errno> {
        Ok(Length(value as u32))
    }
    fn encode(&self) -> u64 {
        u64::from(self.0)
    }
}

#[syscall_define(abi(x86_64))]
fn ftruncate(fd: u32, length: Length) -> i32 {
    let _ = (fd, length.0);
    0
}

fn main() {}
