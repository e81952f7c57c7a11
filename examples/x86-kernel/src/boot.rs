//! From QEMU's PVH entry (32-bit protected mode, paging off) to Rust in long mode: identity page
//! tables for the first 4 GiB (2 MiB pages; the first one, the kernel's, supervisor-only), SSE
//! on, `EFER.LME|SCE`, the GDT, a far jump into 64-bit code.

use core::arch::global_asm;

// The PVH entry note: QEMU's `-kernel` starts an ELF64 that carries it at this 32-bit address.
global_asm!(
    r#"
    .pushsection .note.Xen, "a"
    .balign 4
    .long 4, 4, 18          /* namesz, descsz, XEN_ELFNOTE_PHYS32_ENTRY */
    .asciz "Xen"
    .long pvh_start
    .popsection
    "#,
    options(att_syntax)
);

global_asm!(
    r#"
    .pushsection .text.boot, "ax"
    .code32
    .globl pvh_start
pvh_start:
    cli
    movl $boot_stack_top, %esp
    movl %ebx, pvh_start_info

    /* PML4[0] -> PDPT; PDPT[0..4] -> the four page directories. */
    movl $pdpt, %eax
    orl $7, %eax
    movl %eax, pml4
    xorl %ecx, %ecx
1:  movl %ecx, %eax
    shll $12, %eax
    addl $page_dirs, %eax
    orl $7, %eax
    movl %eax, pdpt(,%ecx,8)
    incl %ecx
    cmpl $4, %ecx
    jne 1b
    /* 2048 entries of 2 MiB: present, writable, user, large. */
    xorl %ecx, %ecx
2:  movl %ecx, %eax
    shll $21, %eax
    orl $0x87, %eax
    movl %eax, page_dirs(,%ecx,8)
    incl %ecx
    cmpl $2048, %ecx
    jne 2b
    /* The kernel's 2 MiB: supervisor only. */
    andl $~4, page_dirs

    movl $pml4, %eax
    movl %eax, %cr3
    movl %cr4, %eax
    orl $((1 << 5) | (1 << 9) | (1 << 10)), %eax   /* PAE, OSFXSR, OSXMMEXCPT */
    movl %eax, %cr4
    movl $0xc0000080, %ecx
    rdmsr
    orl $((1 << 8) | 1), %eax                      /* EFER.LME, EFER.SCE */
    wrmsr
    movl %cr0, %eax
    andl $~((1 << 2) | (1 << 3)), %eax             /* no EM, no TS */
    orl $((1 << 31) | (1 << 1) | 1), %eax          /* PG, MP, PE */
    movl %eax, %cr0
    lgdt gdt_pointer
    /* ljmp $0x10, $long_start, as bytes (the assembler would make it a 16-bit jump). */
    .byte 0xea
    .long long_start
    .word 0x10

    .code64
long_start:
    movw $0x18, %ax
    movw %ax, %ss
    /* DS/ES hold the user data selector for good: long mode ignores them, and a 32-bit process
       needs them when it is entered by iretq. */
    movw $0x2b, %ax
    movw %ax, %ds
    movw %ax, %es
    xorl %eax, %eax
    movw %ax, %fs
    movw %ax, %gs
    movq $boot_stack_top, %rsp
    movl pvh_start_info, %edi
    call kernel_main
    ud2
    .popsection

    .pushsection .data.boot, "aw"
    .balign 8
gdt_pointer:
    .word 16 * 8 - 1
    .quad GDT
    .popsection

    .pushsection .bss.boot, "aw", @nobits
    .balign 4096
pml4:       .skip 4096
pdpt:       .skip 4096
page_dirs:  .skip 4096 * 4
    .balign 16
boot_stack: .skip 65536
    .globl boot_stack_top
boot_stack_top:
pvh_start_info: .skip 4
    .popsection
    "#,
    options(att_syntax)
);
