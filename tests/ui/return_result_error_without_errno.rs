use syscall_define::syscall_define;

/// A driver error with no `Into<Errno>` conversion.
#[derive(Debug)]
pub struct ReadError;

#[syscall_define(abi(x86_64, ia32))]
fn example(fd: u32) -> Result<usize, ReadError> {
    if fd == 0 {
        Err(ReadError)
    } else {
        Ok(fd as usize)
    }
}

fn main() {}
