/* The trivial "rest of the kernel" every stub calls, shared by the C and the Rust stubs so that
 * both sides call the very same code: sd_sinkN(a0..aN-1) returns a0 ^ rol(a1, 11) ^ rol(a2, 22)
 * ^ ..., so a wrong argument changes the result. AT&T syntax; assembled by gcc for the C side
 * and included with global_asm! (att_syntax) on the Rust side. */
	.section	.note.GNU-stack,"",@progbits
	.text
	.globl	sd_sink0
	.type	sd_sink0, @function
	.p2align	4
sd_sink0:
	movl	$0x5eed, %eax
	ret
	.size	sd_sink0, .-sd_sink0
	.globl	sd_sink1
	.type	sd_sink1, @function
	.p2align	4
sd_sink1:
	movq	%rdi, %rax
	ret
	.size	sd_sink1, .-sd_sink1
	.globl	sd_sink2
	.type	sd_sink2, @function
	.p2align	4
sd_sink2:
	movq	%rdi, %rax
	rolq	$11, %rsi
	xorq	%rsi, %rax
	ret
	.size	sd_sink2, .-sd_sink2
	.globl	sd_sink3
	.type	sd_sink3, @function
	.p2align	4
sd_sink3:
	movq	%rdi, %rax
	rolq	$11, %rsi
	xorq	%rsi, %rax
	rolq	$22, %rdx
	xorq	%rdx, %rax
	ret
	.size	sd_sink3, .-sd_sink3
	.globl	sd_sink4
	.type	sd_sink4, @function
	.p2align	4
sd_sink4:
	movq	%rdi, %rax
	rolq	$11, %rsi
	xorq	%rsi, %rax
	rolq	$22, %rdx
	xorq	%rdx, %rax
	rolq	$33, %rcx
	xorq	%rcx, %rax
	ret
	.size	sd_sink4, .-sd_sink4
	.globl	sd_sink5
	.type	sd_sink5, @function
	.p2align	4
sd_sink5:
	movq	%rdi, %rax
	rolq	$11, %rsi
	xorq	%rsi, %rax
	rolq	$22, %rdx
	xorq	%rdx, %rax
	rolq	$33, %rcx
	xorq	%rcx, %rax
	rolq	$44, %r8
	xorq	%r8, %rax
	ret
	.size	sd_sink5, .-sd_sink5
	.globl	sd_sink6
	.type	sd_sink6, @function
	.p2align	4
sd_sink6:
	movq	%rdi, %rax
	rolq	$11, %rsi
	xorq	%rsi, %rax
	rolq	$22, %rdx
	xorq	%rdx, %rax
	rolq	$33, %rcx
	xorq	%rcx, %rax
	rolq	$44, %r8
	xorq	%r8, %rax
	rolq	$55, %r9
	xorq	%r9, %rax
	ret
	.size	sd_sink6, .-sd_sink6
