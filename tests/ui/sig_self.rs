use syscall_define::{Errno, syscall_define};

struct File;

impl File {
    #[syscall_define(abi(x86_64, ia32))]
    fn read(&self, count: usize) -> Result<usize, Errno> {
        Ok(count)
    }
}

fn main() {
    let _ = File;
}
