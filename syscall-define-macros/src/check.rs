//! Stage 2: what Linux and the ABIs allow in a system-call definition, and what each argument
//! type is.
//!
//! A proc macro sees tokens, not types: it classifies the types it can name for certain (the
//! integer primitives, raw pointers, `UserPtr`) so that misuse is reported early and on the right
//! token. Anything else (a type alias, a newtype) is left to the `SyscallArg` trait and the const
//! checks of the generated code.
//!
//! Every message says what is wrong in ABI or kernel terms and what to write instead; each misuse
//! is reported once, on the tokens that are wrong (a whole type or argument, not its first token).

use quote::ToTokens;
use syn::{FnArg, GenericParam, Ident, Pat, ReturnType, Type};
use syscall_define_abi::{ArgKind, MAX_ARGS};

use super::errors::Errors;

pub struct Definition {
    pub function: syn::ItemFn,
    pub args: Vec<Arg>,
    pub ret: Ret,
    /// `#[syscall_define(ptregs)]`: the body's first argument, the register file it takes by
    /// `&mut` (its name and the register file's type).
    pub full_regs: Option<(Ident, Type)>,
}

pub struct Arg {
    pub name: Ident,
    pub ty: Type,
    /// The kind, when the macro can tell from the tokens; `None` defers to `SyscallArg::KIND`.
    pub kind: Option<ArgKind>,
}

// One per expansion: boxing the `Type` would save nothing worth the indirection.
#[allow(clippy::large_enum_variant)]
pub enum Ret {
    /// No return type, or `()`.
    Unit,
    /// `-> !`.
    Never,
    /// Any other type; the `SyscallReturn` trait decides.
    Type(Type),
}

/// Checks `function`; `None` if anything is wrong (everything wrong is reported).
pub fn check(function: &syn::ItemFn, ptregs: bool, errors: &mut Errors) -> Option<Definition> {
    let before = errors.len();
    let sig = &function.sig;
    let entered = "a system call is entered from user space through the syscall table, with its arguments in registers";
    if let Some(t) = &sig.constness {
        errors.push_spanned(
            t,
            format!("a system call cannot be `const fn`: {entered}; it never runs at compile time. Remove `const`"),
        );
    }
    if let Some(t) = &sig.asyncness {
        errors.push_spanned(
            t,
            format!("a system call cannot be `async fn`: {entered}, and returns one value in a register, not a future. Remove `async`; block in the body, or return `Err(Errno::EAGAIN)`"),
        );
    }
    if let syn::Safety::Unsafe(t) = &sig.safety {
        errors.push_spanned(
            t,
            "a system call cannot be `unsafe fn`: its caller is user space, which cannot uphold a safety contract. Remove `unsafe`, validate the arguments, and use `unsafe` blocks inside the body",
        );
    }
    if let Some(abi) = &sig.abi {
        errors.push_spanned(
            abi,
            "a system call cannot have an `extern` ABI: it is not called with a C calling convention but through the entry stubs #[syscall_define] generates, which read the arguments from the saved registers. Remove the `extern` ABI",
        );
    }
    check_generics(&sig.generics, errors);
    check_attributes(function, errors);
    if let Some(v) = &sig.variadic {
        let dots = &v.dots;
        let variadic = match &v.pat {
            Some((pat, colon)) => quote::quote!(#pat #colon #dots),
            None => quote::quote!(#dots),
        };
        errors.push_spanned(
            variadic,
            format!("a system call cannot be variadic: every ABI passes a fixed number of argument registers (Linux's SYSCALL_DEFINE0 to SYSCALL_DEFINE{MAX_ARGS}). Declare each argument, or take a `UserPtr` to an array and a count"),
        );
    }

    let mut args = Vec::new();
    let mut seen: Vec<Ident> = Vec::new();
    let mut position = 0;
    let full_regs = if ptregs {
        full_regs_arg(sig, errors)
    } else {
        None
    };
    // A `ptregs` body's first parameter is the register file; the typed arguments follow.
    for input in sig.inputs.iter().skip(usize::from(ptregs)) {
        let typed = match input {
            FnArg::Receiver(r) => {
                errors.push_spanned(
                    r,
                    "a system call cannot take `self`: it is a free function that the syscall table reaches with register values only. Define it outside any `impl` and pass what you need as arguments",
                );
                continue;
            }
            FnArg::Typed(typed) => typed,
        };
        position += 1;
        if position == MAX_ARGS + 1 {
            errors.push_spanned(
                typed,
                format!("a system call takes at most {MAX_ARGS} arguments (Linux's SYSCALL_DEFINE{MAX_ARGS}): the entry code of every ABI passes {MAX_ARGS} argument registers (x86_64: di, si, dx, r10, r8, r9), and this is argument {position}. Pass a `UserPtr` to a struct holding the rest, as `clone3` and `sched_setattr` do"),
            );
        }
        let name = match &*typed.pat {
            Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => pat.ident.clone(),
            Pat::Wild(_) => {
                errors.push_spanned(
                    &typed.pat,
                    "name this argument (`_unused: u32`): tracers and the syscall's descriptor show every argument by name, even one the body ignores",
                );
                continue;
            }
            other => {
                errors.push_spanned(
                    other,
                    "a system-call argument must be a plain name (`fd: u32`): each argument is one register value (or one register pair) with its own name in the descriptor. Take the value whole and destructure it inside the body",
                );
                continue;
            }
        };
        if seen.contains(&name) {
            errors.push_spanned(
                &name,
                format!("argument `{name}` is declared twice: every argument is its own register value and needs its own name. Rename one of them"),
            );
            continue;
        }
        seen.push(name.clone());
        let kind = match classify_arg(&typed.ty) {
            Ok(kind) => kind,
            Err(e) => {
                errors.add(e);
                continue;
            }
        };
        args.push(Arg {
            name,
            ty: (*typed.ty).clone(),
            kind,
        });
    }

    let ret = match &sig.output {
        ReturnType::Default => Ret::Unit,
        ReturnType::Type(_, ty) => match classify_ret(ty) {
            Ok(ret) => ret,
            Err(e) => {
                errors.add(e);
                Ret::Unit
            }
        },
    };

    (errors.len() == before).then(|| Definition {
        function: function.clone(),
        args,
        ret,
        full_regs,
    })
}

/// A `ptregs` system call's first argument: `regs: &mut RegisterFile` (its typed arguments follow,
/// decoded from the same registers).
fn full_regs_arg(sig: &syn::Signature, errors: &mut Errors) -> Option<(Ident, Type)> {
    let message = "a `ptregs` system call's first argument is the register file it reads and may rewrite, by `&mut`: `regs: &mut x86_64::PtRegs` (as `rt_sigreturn`, `clone` and `execve` need); its typed arguments follow, decoded from the same registers";
    let Some(FnArg::Typed(only)) = sig.inputs.first() else {
        errors.push_spanned(&sig.inputs, message);
        return None;
    };
    let name = match &*only.pat {
        Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => pat.ident.clone(),
        other => {
            errors.push_spanned(other, message);
            return None;
        }
    };
    match &*only.ty {
        Type::Reference(r) if r.mutability.is_some() && r.lifetime.is_none() => {
            Some((name, (*r.elem).clone()))
        }
        other => {
            errors.push_spanned(other, message);
            None
        }
    }
}

/// Whether `attr` is `#[syscall_define]` (by any path: `syscall_define::syscall_define` too).
pub fn is_syscall_define(attr: &syn::Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|s| s.ident == "syscall_define")
}

/// Attributes the expansion cannot honour: `#[syscall_define]` applied twice, attributes that mean
/// nothing on a system call, and attributes on parameters.
fn check_attributes(function: &syn::ItemFn, errors: &mut Errors) {
    for attr in &function.attrs {
        let message = if is_syscall_define(attr) {
            "#[syscall_define] is applied twice: one definition gives every ABI's stub. Remove this one, and put every option in the other"
        } else if attr.path().is_ident("must_use") {
            "#[must_use] means nothing on a system call: its caller is user space, which gets the result in a register whatever Rust says. Remove it (a `ksys` caller uses the typed `ksys_NAME`, whose `Result` is already `#[must_use]`)"
        } else if attr.path().is_ident("track_caller") {
            "#[track_caller] means nothing on a system call: it has no Rust caller to report, only the entry stub. Remove it"
        } else {
            continue;
        };
        errors.push_spanned(attr, message);
    }
    for input in &function.sig.inputs {
        if let FnArg::Typed(typed) = input
            && let Some(attr) = typed.attrs.first()
        {
            errors.push_spanned(
                attr,
                "an attribute on a system-call argument is not supported: each ABI passes a fixed list of registers, so an argument cannot come and go with `#[cfg]`. Put the `#[cfg]` on the whole definition (one definition per configuration)",
            );
        }
    }
}

/// One error for the generic parameters, whatever their number, and one for a `where` clause
/// only when there are no parameters (with parameters, the `where` clause goes with them).
fn check_generics(generics: &syn::Generics, errors: &mut Errors) {
    let params = &generics.params;
    if let Some(first) = params.first() {
        let message = match first {
            GenericParam::Lifetime(_)
                if params
                    .iter()
                    .all(|p| matches!(p, GenericParam::Lifetime(_))) =>
            {
                "a system call cannot have lifetime parameters: its arguments are register values that borrow nothing. Remove them; user memory is reached through `UserPtr<T>`, which has no lifetime"
            }
            GenericParam::Const(_) => {
                "a system call cannot have const generic parameters: each ABI's entry stub is one function with one fixed register layout. Remove the parameter, or take the value as an argument"
            }
            _ => {
                "a system call cannot be generic: each ABI's entry stub is one function with one fixed register layout, decoding each register into one concrete type. Use concrete types, or one #[syscall_define] function per type calling a shared generic helper"
            }
        };
        errors.push_spanned(params, message);
    } else if let Some(w) = &generics.where_clause {
        errors.push_spanned(
            w,
            "a system call cannot have a `where` clause: its argument types are concrete, so there is nothing to constrain. Remove the `where` clause",
        );
    }
}

/// The primitive a path names, if it is one: `u32`, `core::primitive::u32`, `std::primitive::u32`.
pub fn primitive(path: &syn::Path) -> Option<String> {
    const PRIMITIVES: &[&str] = &[
        "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
        "f16", "f32", "f64", "f128", "bool", "char", "str",
    ];
    let last = path.segments.last()?;
    if !last.arguments.is_none() {
        return None;
    }
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let name = match segments.as_slice() {
        [one] if path.leading_colon.is_none() => one,
        [krate, module, one] if (krate == "core" || krate == "std") && module == "primitive" => one,
        _ => return None,
    };
    PRIMITIVES.contains(&name.as_str()).then(|| name.clone())
}

/// The last segment's name of a plain path type (`alloc::string::String` → `String`).
fn last_segment(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

const USE_INSTEAD: &str = "Take an integer type (u8..u64, i8..i64, usize, isize), a raw pointer or `UserPtr<T>`, or a newtype implementing `SyscallArg`";

fn reject(ty: &impl ToTokens, message: impl std::fmt::Display) -> syn::Error {
    syn::Error::new_spanned(ty, message)
}

/// What an argument type is, if the macro can tell: `Ok(None)` leaves it to `SyscallArg`.
fn classify_arg(ty: &Type) -> Result<Option<ArgKind>, syn::Error> {
    match ty {
        Type::Paren(inner) => classify_arg(&inner.elem),
        Type::Group(inner) => classify_arg(&inner.elem),
        Type::Path(p) if p.qself.is_none() => {
            if let Some(name) = primitive(&p.path) {
                let int = |bits, signed| Ok(Some(ArgKind::Int { bits, signed }));
                return match name.as_str() {
                    "u8" => int(8, false),
                    "u16" => int(16, false),
                    "u32" => int(32, false),
                    "i8" => int(8, true),
                    "i16" => int(16, true),
                    "i32" => int(32, true),
                    "usize" => Ok(Some(ArgKind::Long { signed: false })),
                    "isize" => Ok(Some(ArgKind::Long { signed: true })),
                    "u64" => Ok(Some(ArgKind::Wide { signed: false })),
                    "i64" => Ok(Some(ArgKind::Wide { signed: true })),
                    "bool" => Err(reject(
                        ty,
                        "`bool` cannot be a system-call argument: user space can put any value in the register, and a `bool` that is not 0 or 1 is undefined behaviour. Take a `u32` (C `int` flag) and test it for non-zero, or a newtype whose `SyscallArg::decode` rejects other values with EINVAL",
                    )),
                    "char" => Err(reject(
                        ty,
                        "`char` cannot be a system-call argument: user space can put any value in the register, and a `char` that is not a Unicode scalar value is undefined behaviour. Take a `u32` and convert it with `char::from_u32`, returning EINVAL for `None`",
                    )),
                    "str" => Err(reject(
                        ty,
                        "`str` cannot be a system-call argument: user space passes the address of a string in its own memory, one register. Take a `UserPtr<u8>` (C `const char __user *`) and copy the string in with a length bound, as `strncpy_from_user` does",
                    )),
                    "u128" | "i128" => Err(reject(
                        ty,
                        format!(
                            "`{name}` cannot be a system-call argument: no Linux ABI passes more than 64 bits in one argument. Take two `u64` arguments (low and high half), or a `UserPtr<{name}>` to the value"
                        ),
                    )),
                    // f16, f32, f64, f128
                    _ => Err(reject(
                        ty,
                        format!(
                            "`{name}` cannot be a system-call argument: Linux passes system-call arguments in integer registers only, and the kernel does not touch user space's floating-point registers. Take the bits as an integer (`{name}::from_bits` in the body), or a `UserPtr<{name}>` to the value"
                        ),
                    )),
                };
            }
            match last_segment(ty).as_deref() {
                Some("UserPtr") => Ok(Some(ArgKind::Pointer)),
                Some("LoHi") => Ok(Some(ArgKind::LoHi)),
                Some(
                    name @ ("String" | "Vec" | "Box" | "Option" | "Rc" | "Arc" | "CString" | "CStr"
                    | "OsString" | "OsStr" | "PathBuf" | "Path"),
                ) => Err(reject(
                    ty,
                    format!(
                        "`{name}` cannot be a system-call argument: a system call receives register values from user space, not Rust objects; what user space passes is the address (and length) of its data. Take a `UserPtr<T>` (and a length) and copy the data in through your checked user-access routines"
                    ),
                )),
                _ => Ok(None),
            }
        }
        Type::Ptr(ptr) => match &*ptr.elem {
            Type::Slice(_) | Type::TraitObject(_) => Err(reject(
                ty,
                "a pointer to a slice or trait object is two words (address and length, or address and vtable), and a system-call argument is one. Take a `UserPtr<T>` and a length as two arguments",
            )),
            Type::Path(p) if primitive(&p.path).as_deref() == Some("str") => Err(reject(
                ty,
                "`*const str` is two words (address and length), and a system-call argument is one. Take a `UserPtr<u8>` (C `const char __user *`) and a length as two arguments",
            )),
            _ => Ok(Some(ArgKind::Pointer)),
        },
        Type::Reference(r) => Err(reject(ty, reference_message(r))),
        Type::Slice(_) => Err(reject(
            ty,
            "a slice cannot be a system-call argument: user space passes a buffer as two register values, its address and its length. Take `buf: UserPtr<T>, len: usize` and copy through your checked user-access routines (copy_from_user)",
        )),
        Type::Array(_) => Err(reject(
            ty,
            "an array cannot be a system-call argument: as in C, user space passes the address of its first element, in one register. Take a `UserPtr<T>` (and a length, if it varies) and copy the elements in through your checked user-access routines",
        )),
        Type::Tuple(t) if t.elems.is_empty() => Err(reject(
            ty,
            "`()` carries no value and takes no register: remove the argument",
        )),
        Type::Tuple(_) => Err(reject(
            ty,
            "a tuple cannot be a system-call argument: each argument is one register value (or one register pair for a 64-bit value on a 32-bit ABI). Declare each element as its own argument",
        )),
        Type::ImplTrait(_) => Err(reject(
            ty,
            format!(
                "`impl Trait` cannot be a system-call argument: an entry stub decodes each register into one concrete type, so the type must be written out. {USE_INSTEAD}"
            ),
        )),
        Type::TraitObject(_) => Err(reject(
            ty,
            format!(
                "`dyn Trait` cannot be a system-call argument: a register holds a plain integer, not a trait object. {USE_INSTEAD}"
            ),
        )),
        Type::FnPtr(_) => Err(reject(
            ty,
            "a function pointer cannot be a system-call argument: the kernel must never call an address that user space chose. Take a `usize` if user space passes a code address for it to return to (as `rt_sigaction` does for a handler)",
        )),
        Type::Never(_) => Err(reject(
            ty,
            "`!` cannot be a system-call argument: it has no values, so no register could hold one. Remove the argument",
        )),
        Type::Infer(_) => Err(reject(
            ty,
            "a system-call argument needs a written type: the type decides how many registers the argument takes and how each is extended",
        )),
        _ => Ok(None),
    }
}

fn reference_message(r: &syn::TypeReference) -> String {
    let why = "user space passes an address in its own memory, which the kernel must check and never dereference directly";
    match &*r.elem {
        Type::Path(p) if primitive(&p.path).as_deref() == Some("str") => format!(
            "`&str` cannot be a system-call argument: {why}, and a C string has no length. Take a `UserPtr<u8>` (C `const char __user *`) and copy the string in with a length bound, as `strncpy_from_user` does"
        ),
        Type::Slice(s) => format!(
            "`&{mutability}[{elem}]` cannot be a system-call argument: {why}, and a buffer comes as two register values, address and length. Take `buf: UserPtr<{elem}>, len: usize` and copy through your checked user-access routines ({copy})",
            mutability = if r.mutability.is_some() { "mut " } else { "" },
            elem = super::text::type_text(&s.elem),
            copy = if r.mutability.is_some() {
                "copy_to_user"
            } else {
                "copy_from_user"
            },
        ),
        _ => format!(
            "a reference cannot be a system-call argument: {why}. Take a `UserPtr<T>` (C `T __user *`) and copy through your checked user-access routines (copy_from_user, copy_to_user)"
        ),
    }
}

const RETURNS: &str = "A system call returns one register (C `long`, where -4095..-1 mean errors): return `isize`, `i32`, `usize`, `()`, `!`, or `Result<T, E>` with `T` one of those and `E` convertible into `Errno`";

/// What a return type is, if the macro can tell; anything it cannot name is left to
/// `SyscallReturn`.
fn classify_ret(ty: &Type) -> Result<Ret, syn::Error> {
    match ty {
        Type::Paren(inner) => classify_ret(&inner.elem),
        Type::Group(inner) => classify_ret(&inner.elem),
        Type::Never(_) => Ok(Ret::Never),
        Type::Tuple(t) if t.elems.is_empty() => Ok(Ret::Unit),
        _ => {
            check_ret_type(ty)?;
            Ok(Ret::Type(ty.clone()))
        }
    }
}

/// Rejects return types (and, inside `Result<T, E>`, the `T` and `E`) that cannot be one register.
fn check_ret_type(ty: &Type) -> Result<(), syn::Error> {
    match ty {
        Type::Paren(inner) => check_ret_type(&inner.elem),
        Type::Group(inner) => check_ret_type(&inner.elem),
        Type::Never(_) => Ok(()),
        Type::Tuple(t) if t.elems.is_empty() => Ok(()),
        Type::Path(p) if p.qself.is_none() => {
            if let Some(name) = primitive(&p.path) {
                return match name.as_str() {
                    "isize" | "i32" | "usize" => Ok(()),
                    "u64" | "i64" => Err(reject(
                        ty,
                        format!(
                            "`{name}` is not a system-call return type: on a 32-bit ABI (ia32, arm) the return register holds 32 bits, so a 64-bit value would be cut in half. Return `isize`/`usize` if the value fits a `long`, or write it to user memory through a `UserPtr<{name}>` as `llseek` does. {RETURNS}"
                        ),
                    )),
                    "u8" | "u16" | "u32" | "i8" | "i16" => {
                        // Conversions that compile for this type.
                        let convert = match name.as_str() {
                            "u32" => "return `usize` and write `x as usize` (lossless: a kernel's `usize` has 32 bits or more), or `i32` if the value is an `int` in C".to_string(),
                            "i8" | "i16" => format!("return `i32` and write `i32::from(x)` (a `{name}` widens losslessly)"),
                            _ => format!("return `i32` or `usize` and write `i32::from(x)` or `usize::from(x)` (a `{name}` widens losslessly)"),
                        };
                        Err(reject(
                            ty,
                            format!(
                                "`{name}` is not a system-call return type: the return register is a C `long`, and the entry code must see how the value widens into it: {convert}. {RETURNS}"
                            ),
                        ))
                    }
                    _ => Err(reject(
                        ty,
                        format!(
                            "`{name}` is not a system-call return type: user space reads an integer from the return register. {RETURNS}"
                        ),
                    )),
                };
            }
            let Some(last) = p.path.segments.last() else {
                return Ok(());
            };
            match last.ident.to_string().as_str() {
                "Result" => {
                    if let syn::PathArguments::AngleBracketed(args) = &last.arguments {
                        let types: Vec<&Type> = args
                            .args
                            .iter()
                            .filter_map(|a| match a {
                                syn::GenericArgument::Type(t) => Some(t),
                                _ => None,
                            })
                            .collect();
                        if let Some(ok) = types.first() {
                            check_ret_type(ok)?;
                        }
                        if let Some(err) = types.get(1) {
                            check_error_type(err)?;
                        }
                    }
                    Ok(())
                }
                "Option" => Err(reject(
                    ty,
                    format!(
                        "`Option` is not a system-call return type: user space reads one integer from the return register, and `None` has no value there. An absent value is an error in Linux: return `Result<T, Errno>` with `Err(Errno::ENOENT)` (or the errno that fits). {RETURNS}"
                    ),
                )),
                name @ ("String" | "Vec" | "Box" | "Rc" | "Arc" | "CString" | "OsString"
                | "PathBuf") => Err(reject(
                    ty,
                    format!(
                        "`{name}` is not a system-call return type: user space gets one register, not a Rust object that lives in kernel memory. Copy the data out to a user buffer (`UserPtr<u8>` and a length) and return the number of bytes written as `Result<usize, Errno>`. {RETURNS}"
                    ),
                )),
                _ => Ok(()),
            }
        }
        Type::Reference(_) | Type::Ptr(_) => Err(reject(
            ty,
            format!(
                "a pointer or reference is not a system-call return type: it would hand user space a kernel address. Copy the data out through a `UserPtr<T>` argument instead. {RETURNS}"
            ),
        )),
        Type::Tuple(_) | Type::Slice(_) | Type::Array(_) => Err(reject(
            ty,
            format!(
                "this is not a system-call return type: user space gets one register, not several values. Copy the values out through a `UserPtr<T>` argument. {RETURNS}"
            ),
        )),
        Type::ImplTrait(_) | Type::TraitObject(_) | Type::FnPtr(_) => Err(reject(
            ty,
            format!(
                "this is not a system-call return type: the entry stub must know the concrete type it converts into the return register. {RETURNS}"
            ),
        )),
        _ => Ok(()),
    }
}

/// The `E` of `Result<T, E>`: it becomes `-errno` in the return register.
fn check_error_type(ty: &Type) -> Result<(), syn::Error> {
    let bad = match ty {
        Type::Path(p) if p.qself.is_none() => match primitive(&p.path) {
            Some(name) => Some(format!("`{name}`")),
            None => match last_segment(ty).as_deref() {
                Some(name @ ("String" | "Box" | "Option" | "Vec")) => Some(format!("`{name}`")),
                _ => None,
            },
        },
        Type::Tuple(t) if t.elems.is_empty() => Some("`()`".to_string()),
        Type::Reference(_) | Type::Tuple(_) | Type::TraitObject(_) | Type::ImplTrait(_) => {
            Some("this type".to_string())
        }
        _ => None,
    };
    match bad {
        Some(what) => Err(reject(
            ty,
            format!(
                "{what} cannot be a system call's error: an `Err` is returned to user space as a negative errno (`-EINVAL`), so the error type must convert into `Errno`. Use `Errno`, or a type with `impl From<YourError> for Errno`"
            ),
        )),
        None => Ok(()),
    }
}
