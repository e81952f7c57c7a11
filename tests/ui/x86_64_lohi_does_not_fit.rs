use syscall_define::{Errno, LoHi, UserPtr, syscall_define};

// Six words on x86-64 too: a `LoHi` is two words on every ABI.
#[syscall_define(abi(x86_64))]
fn preadv2(
    fd: usize,
    vec: UserPtr<u8>,
    vlen: usize,
    pos: LoHi,
    flags: u32,
    extra: u32,
) -> Result<usize, Errno> {
    let _ = (fd, vec, vlen, pos, flags, extra);
    Ok(0)
}

fn main() {}
