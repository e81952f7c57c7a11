use syscall_define::syscall_define;

#[syscall_define(abi(x86_64, ia32))]
fn close(fd: u32) -> isize {
    let _ = fd;
    0
}

// The name's column counts characters: "é" is two bytes.
/* é */ #[syscall_define(abi(x86_64, ia32))] fn close(fd: u32) -> isize {
    let _ = fd;
    1
}

fn main() {}
