//! The CPU's tables and the two system-call entries.
//!
//! Both entries save the user registers as Linux's `struct pt_regs` (r15 … r8, ax, cx, dx, si,
//! di, orig_ax, ip, cs, flags, sp, ss: `syscall_define::regs::x86_64::PtRegs`) on the kernel
//! stack and pass it to Rust, then restore it: `syscall` returns by `sysretq` when the frame
//! allows it (Linux's conditions), otherwise by `iretq`; `int $0x80` by `iretq`.

use core::arch::{asm, global_asm};
use core::ptr::addr_of_mut;

use syscall_define::regs::x86_64::PtRegs;

/// Linux's x86-64 GDT selectors (`arch/x86/include/asm/segment.h`).
pub const KERNEL_CS: u64 = 0x10;
pub const USER32_CS: u64 = 0x23;
pub const USER_DS: u64 = 0x2b;
pub const USER_CS: u64 = 0x33;
/// The first TLS slot (`GDT_ENTRY_TLS_MIN`), for `set_thread_area`.
pub const GDT_ENTRY_TLS_MIN: usize = 12;
pub const GDT_ENTRY_TLS_ENTRIES: usize = 3;

#[repr(C, align(16))]
pub struct Gdt(pub [u64; 16]);

/// Linux's layout: null, kernel32 CS, kernel CS, kernel DS, user32 CS, user DS, user CS, -, TSS
/// (two slots), LDT (two), TLS (three), per-CPU.
#[unsafe(no_mangle)]
pub static mut GDT: Gdt = Gdt([
    0,
    0x00cf_9b00_0000_ffff,
    0x00af_9b00_0000_ffff,
    0x00cf_9300_0000_ffff,
    0x00cf_fb00_0000_ffff,
    0x00cf_f300_0000_ffff,
    0x00af_fb00_0000_ffff,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
]);

#[repr(C, packed)]
pub struct DescriptorPointer {
    limit: u16,
    base: u64,
}

#[repr(C, packed(4))]
struct Tss {
    reserved0: u32,
    rsp: [u64; 3],
    reserved1: u64,
    ist: [u64; 7],
    reserved2: u64,
    reserved3: u16,
    iopb: u16,
}

static mut TSS: Tss = Tss {
    reserved0: 0,
    rsp: [0; 3],
    reserved1: 0,
    ist: [0; 7],
    reserved2: 0,
    reserved3: 0,
    iopb: 104,
};

#[repr(C, align(16))]
struct KernelStack([u8; 1 << 16]);
static mut KERNEL_STACK: KernelStack = KernelStack([0; 1 << 16]);

/// The top of the stack the entries run on (`TSS.rsp0`).
#[unsafe(no_mangle)]
static mut kernel_rsp0: u64 = 0;
/// The user's stack pointer, between `syscall` and the first push.
#[unsafe(no_mangle)]
static mut user_rsp_scratch: u64 = 0;
/// The kernel's own stack pointer while a process runs (see `enter_user`).
#[unsafe(no_mangle)]
static mut kernel_context_sp: u64 = 0;

#[repr(C, align(16))]
struct Idt([[u64; 2]; 256]);
static mut IDT: Idt = Idt([[0; 2]; 256]);

unsafe extern "C" {
    fn entry_syscall_64();
    fn entry_int80_compat();
    static exception_stubs: [u64; 32];
}

fn gate(handler: u64, dpl: u64) -> [u64; 2] {
    let low = (handler & 0xffff)
        | (KERNEL_CS << 16)
        | ((0x8e | (dpl << 5)) << 40)
        | ((handler >> 16) & 0xffff) << 48;
    [low, handler >> 32]
}

pub fn wrmsr(msr: u32, value: u64) {
    // SAFETY: the MSRs written here are architectural ones this kernel owns.
    unsafe {
        asm!("wrmsr", in("ecx") msr, in("eax") value as u32, in("edx") (value >> 32) as u32, options(nostack));
    }
}

pub fn outb(port: u16, value: u8) {
    // SAFETY: port I/O to devices this kernel owns (serial, PIC, debug exit).
    unsafe { asm!("out dx, al", in("dx") port, in("al") value, options(nostack, nomem)) }
}

pub fn inb(port: u16) -> u8 {
    let value: u8;
    // SAFETY: as `outb`.
    unsafe { asm!("in al, dx", out("al") value, in("dx") port, options(nostack, nomem)) }
    value
}

/// GDT, TSS, IDT, the `syscall` MSRs; masks the legacy PIC (no interrupt ever arrives).
pub fn init() {
    // SAFETY: single CPU, run once before any user code.
    unsafe {
        let gdt = &mut *addr_of_mut!(GDT);
        let stack_top = addr_of_mut!(KERNEL_STACK) as u64 + (1 << 16);
        kernel_rsp0 = stack_top;
        TSS.rsp[0] = stack_top;
        let tss = addr_of_mut!(TSS) as u64;
        let limit = core::mem::size_of::<Tss>() as u64 - 1;
        gdt.0[8] = (limit & 0xffff)
            | ((tss & 0xff_ffff) << 16)
            | (0x89 << 40)
            | (((limit >> 16) & 0xf) << 48)
            | (((tss >> 24) & 0xff) << 56);
        gdt.0[9] = tss >> 32;
        // The boot code loaded this GDT already; `ltr` reads the descriptor just written.
        asm!("ltr ax", in("ax") 0x40u16, options(nostack));

        let idt = &mut *addr_of_mut!(IDT);
        for (vector, stub) in exception_stubs.iter().enumerate() {
            idt.0[vector] = gate(*stub, 0);
        }
        idt.0[0x80] = gate(entry_int80_compat as *const () as u64, 3);
        let pointer = DescriptorPointer {
            limit: (256 * 16 - 1) as u16,
            base: idt as *mut Idt as u64,
        };
        asm!("lidt [{}]", in(reg) &pointer, options(nostack));
    }
    // STAR: kernel CS/SS from 0x10, user from 0x23 (32-bit CS; +16 for 64-bit CS, +8 for SS).
    wrmsr(0xc000_0081, (USER32_CS << 48) | (KERNEL_CS << 32));
    wrmsr(0xc000_0082, entry_syscall_64 as *const () as u64);
    // SFMASK: TF, DF, IF, IOPL, AC, NT cleared on entry (Linux's).
    wrmsr(0xc000_0084, 0x4_7700);
    outb(0x21, 0xff);
    outb(0xa1, 0xff);
}

/// The FS base (`arch_prctl(ARCH_SET_FS)`).
pub fn set_fs_base(base: u64) {
    wrmsr(0xc000_0100, base);
}

/// Writes TLS descriptor `index` of the GDT (`set_thread_area`).
pub fn set_gdt_entry(index: usize, descriptor: u64) {
    // SAFETY: single CPU; the TLS slots are only read by the CPU on a segment load.
    unsafe { (*addr_of_mut!(GDT)).0[index] = descriptor }
}

unsafe extern "C" {
    /// Runs user code from `regs` (placed on the kernel stack) until a system call ends the
    /// process: returns the exit status given to [`exit_to_kernel`].
    fn enter_user(regs: *const PtRegs) -> u64;
    /// Abandons the current system call and returns `status` from [`enter_user`].
    fn exit_to_kernel(status: u64) -> !;
}

/// Starts a process with `regs` and returns its exit status.
pub fn run_user(regs: &PtRegs) -> u64 {
    // SAFETY: the frame goes at the top of the kernel stack, which is free while the kernel's
    // own code runs on the boot stack.
    unsafe {
        let frame = (kernel_rsp0 as *mut PtRegs).sub(1);
        frame.write(*regs);
        enter_user(frame)
    }
}

/// Ends the current process (from a system call body).
pub fn exit_process(status: u64) -> ! {
    // SAFETY: called from within a system call, while `enter_user` is active.
    unsafe { exit_to_kernel(status) }
}

global_asm!(
    r#"
    .macro PUSH_REGS_AFTER_ORIG_AX
    pushq %rdi
    pushq %rsi
    pushq %rdx
    pushq %rcx
    pushq $-38              /* ax: -ENOSYS until the call returns */
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %rbx
    pushq %rbp
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    .endm

    .macro POP_REGS
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbp
    popq %rbx
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rax
    popq %rcx
    popq %rdx
    popq %rsi
    popq %rdi
    .endm

    .text
    .globl entry_syscall_64
entry_syscall_64:
    movq %rsp, user_rsp_scratch
    movq kernel_rsp0, %rsp
    pushq $0x2b             /* ss */
    pushq user_rsp_scratch  /* sp */
    pushq %r11              /* flags */
    pushq $0x33             /* cs */
    pushq %rcx              /* ip */
    pushq %rax              /* orig_ax */
    PUSH_REGS_AFTER_ORIG_AX
    movq %rsp, %rdi
    subq $8, %rsp           /* pt_regs is 21 words: realign for the call */
    /* The fast path, while no entry work is on (Linux's TIF work flags): getppid through its
       exported stub, called by name as a C or assembly table would. */
    cmpb $0, syscall_work
    jne 2f
    cmpq $110, %rax
    jne 2f
    call __x64_sys_getppid
    addq $8, %rsp
    movq %rax, 80(%rsp)     /* pt_regs.ax */
    jmp 1f
2:  call do_syscall_64
    addq $8, %rsp
    testb %al, %al
    jz 1f
    POP_REGS
    leaq 8(%rsp), %rsp
    iretq
1:  POP_REGS                /* rsp now points at orig_ax, then ip, cs, flags, sp, ss */
    movq 24(%rsp), %r11     /* flags */
    movq 32(%rsp), %rsp     /* the user's sp; rcx holds ip (checked) */
    sysretq

    .globl entry_int80_compat
entry_int80_compat:
    pushq %rax              /* orig_ax; the CPU pushed ss, sp, flags, cs, ip */
    PUSH_REGS_AFTER_ORIG_AX
    movq %rsp, %rdi
    subq $8, %rsp
    call do_int80_compat
    addq $8, %rsp
    .globl return_to_user_iret
return_to_user_iret:
    POP_REGS
    leaq 8(%rsp), %rsp
    iretq

    .globl enter_user
enter_user:
    pushq %rbx
    pushq %rbp
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, kernel_context_sp
    movq %rdi, %rsp
    jmp return_to_user_iret

    .globl exit_to_kernel
exit_to_kernel:
    movq kernel_context_sp, %rsp
    movq %rdi, %rax
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbp
    popq %rbx
    ret

    /* Exceptions: push a zero error code where the CPU pushes none, then the vector. */
    .macro EXCEPTION vector
exception_\vector:
    .if (\vector != 8) && (\vector != 10) && (\vector != 11) && (\vector != 12) && (\vector != 13) && (\vector != 14) && (\vector != 17)
    pushq $0
    .endif
    pushq $\vector
    jmp exception_common
    .endm
    .altmacro
    .set i, 0
    .rept 32
    EXCEPTION %i
    .set i, i + 1
    .endr

exception_common:
    movq %rsp, %rdi
    andq $-16, %rsp
    call do_exception
    ud2

    .section .rodata
    .balign 8
    .globl exception_stubs
exception_stubs:
    .macro STUB_ADDRESS vector
    .quad exception_\vector
    .endm
    .set i, 0
    .rept 32
    STUB_ADDRESS %i
    .set i, i + 1
    .endr
    .text
    "#,
    options(att_syntax)
);
