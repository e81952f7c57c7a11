use syscall_define::syscall_define;

#[syscall_define(abi(x86_64))]
fn too_many(a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32) -> isize {
    (a + b + c + d + e + f + g) as isize
}

fn main() {}
