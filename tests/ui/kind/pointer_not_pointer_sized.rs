//! `Pointer` on a 4-byte type: a user address of any ABI is held in a `usize`.
use syscall_define::abi::ArgKind;
use syscall_define::{Errno, SyscallArg, syscall_define};

struct Addr(u32);

impl SyscallArg for Addr {
    const KIND: ArgKind = ArgKind::Pointer;
    fn decode(value: u64) -> Result<Self, Errno> {
        Ok(Addr(value as u32))
    }
    fn encode(&self) -> u64 {
        u64::from(self.0)
    }
}

#[syscall_define(abi(x86_64))]
fn brk(addr: Addr) -> usize {
    addr.0 as usize
}

fn main() {}
