//! Stage 2: what Linux and the ABIs allow in a system-call definition, and what each argument
//! type is.
//!
//! A proc macro sees tokens, not types: it classifies the types it can name for certain (the
//! integer primitives, raw pointers, `UserPtr`) so that misuse is reported early and on the right
//! token. Anything else (a type alias, a newtype) is left to the `SyscallArg` trait and the const
//! checks of the generated code.

use proc_macro2::Span;
use quote::ToTokens;
use syn::{FnArg, Ident, Pat, ReturnType, Type};
use syscall_define_abi::{ArgKind, MAX_ARGS};

use super::errors::Errors;

pub struct Definition {
    pub function: syn::ItemFn,
    pub args: Vec<Arg>,
    pub ret: Ret,
}

pub struct Arg {
    pub name: Ident,
    pub ty: Type,
    /// The kind, when the macro can tell from the tokens; `None` defers to `SyscallArg::KIND`.
    pub kind: Option<ArgKind>,
}

pub enum Ret {
    /// No return type, or `()`.
    Unit,
    /// `-> !`.
    Never,
    /// Any other type; the `SyscallReturn` trait decides.
    Type(Type),
}

/// Checks `function`; `None` if anything is wrong (everything wrong is reported).
pub fn check(function: &syn::ItemFn, errors: &mut Errors) -> Option<Definition> {
    let before = errors.len();
    let sig = &function.sig;
    let why_not = "a system call is entered from user space through registers";
    if let Some(t) = &sig.constness {
        errors.push(
            t.span,
            format!("a system call cannot be `const`: {why_not}, never evaluated at compile time"),
        );
    }
    if let Some(t) = &sig.asyncness {
        errors.push(t.span, format!("a system call cannot be `async`: {why_not} and returns a value in a register, not a future; block or return -EAGAIN in the body"));
    }
    if let syn::Safety::Unsafe(t) = &sig.safety {
        errors.push(t.span, "a system call cannot be `unsafe fn`: its caller is user space, which cannot uphold a safety contract; validate the arguments and use `unsafe` blocks inside the body");
    }
    if let Some(abi) = &sig.abi {
        errors.push_spanned(abi, "a system call cannot take an `extern` ABI: #[syscall_define] generates the entry stubs and their calling convention; write a plain `fn`");
    }
    if !sig.generics.params.is_empty() {
        errors.push_spanned(&sig.generics.params, "a system call cannot be generic: every entry stub has one fixed register layout; use concrete types (or one definition per type)");
    }
    if let Some(w) = &sig.generics.where_clause {
        errors.push_spanned(
            w,
            "a system call cannot have a `where` clause: it has no generic parameters to constrain",
        );
    }
    if let Some(v) = &sig.variadic {
        errors.push_spanned(v, "a system call cannot be variadic: an ABI passes a fixed number of argument registers; declare each argument (at most 6)");
    }

    let mut args = Vec::new();
    let mut seen: Vec<Ident> = Vec::new();
    for (index, input) in sig.inputs.iter().enumerate() {
        let typed = match input {
            FnArg::Receiver(r) => {
                errors.push_spanned(r, "a system call cannot take `self`: it is a free function reached from the syscall table; define it outside any `impl`");
                continue;
            }
            FnArg::Typed(typed) => typed,
        };
        if index == MAX_ARGS {
            errors.push_spanned(
                typed,
                format!("a system call takes at most {MAX_ARGS} arguments (Linux's SYSCALL_DEFINE6, and every ABI's register budget); this is the 7th. Pass a pointer to a struct for the rest"),
            );
        }
        let name = match &*typed.pat {
            Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => pat.ident.clone(),
            other => {
                errors.push_spanned(other, "a system-call argument must be a plain name (`fd: u32`): each argument is one register value; destructure inside the body");
                continue;
            }
        };
        if let Some(first) = seen.iter().find(|n| **n == name) {
            let mut e =
                syn::Error::new(name.span(), format!("argument `{name}` is declared twice"));
            e.combine(syn::Error::new(first.span(), "first declared here"));
            errors.add(e);
            continue;
        }
        seen.push(name.clone());
        let kind = match classify_arg(&typed.ty) {
            Ok(kind) => kind,
            Err((span, message)) => {
                errors.push(span, message);
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
            Err((span, message)) => {
                errors.push(span, message);
                Ret::Unit
            }
        },
    };

    (errors.len() == before).then(|| Definition {
        function: function.clone(),
        args,
        ret,
    })
}

type Rejection = (Span, String);

fn reject(ty: &impl ToTokens, message: impl Into<String>) -> Result<Option<ArgKind>, Rejection> {
    Err((ty.to_token_stream().span_or_call_site(), message.into()))
}

trait SpanOrCallSite {
    fn span_or_call_site(&self) -> Span;
}

impl SpanOrCallSite for proc_macro2::TokenStream {
    fn span_or_call_site(&self) -> Span {
        // Join the first and last token's spans so the whole type is underlined.
        let mut iter = self.clone().into_iter();
        let Some(first) = iter.next() else {
            return Span::call_site();
        };
        let last = iter.last().map_or(first.span(), |t| t.span());
        first.span().join(last).unwrap_or(first.span())
    }
}

/// The primitive a path names, if it is one: `u32`, `core::primitive::u32`, `std::primitive::u32`.
fn primitive(path: &syn::Path) -> Option<String> {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let last = path.segments.last()?;
    if !last.arguments.is_none() {
        return None;
    }
    match segments.as_slice() {
        [one] if path.leading_colon.is_none() => Some(one.clone()),
        [krate, module, one] if (krate == "core" || krate == "std") && module == "primitive" => {
            Some(one.clone())
        }
        _ => None,
    }
}

const USE_INSTEAD: &str =
    "use an integer type (u8..u64, i8..i64, usize, isize), a raw pointer or `UserPtr<T>`";

fn classify_arg(ty: &Type) -> Result<Option<ArgKind>, Rejection> {
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
                    "bool" => reject(
                        ty,
                        "`bool` cannot be a system-call argument: user space can put any value in the register, and a `bool` that is not 0 or 1 is undefined behaviour. Take a `u32` (or `i32`) and test it, or a newtype whose `SyscallArg::decode` rejects other values",
                    ),
                    "char" => reject(
                        ty,
                        "`char` cannot be a system-call argument: user space can put any value in the register, and a `char` outside Unicode scalar values is undefined behaviour. Take a `u32` and convert it with `char::from_u32`",
                    ),
                    "f32" | "f64" => reject(
                        ty,
                        format!(
                            "`{name}` cannot be a system-call argument: Linux passes system-call arguments in integer registers only; {USE_INSTEAD}"
                        ),
                    ),
                    "u128" | "i128" => reject(
                        ty,
                        format!(
                            "`{name}` cannot be a system-call argument: no Linux ABI passes more than 64 bits in one argument; take two `u64` arguments (low, high) or a `UserPtr` to the value"
                        ),
                    ),
                    "str" => reject(
                        ty,
                        "`str` cannot be a system-call argument: user space passes the address of its string; take a `UserPtr<u8>` and copy the string in with a length bound",
                    ),
                    _ => Ok(None),
                };
            }
            let last = p.path.segments.last().map(|s| s.ident.to_string());
            match last.as_deref() {
                Some("UserPtr") => Ok(Some(ArgKind::Pointer)),
                Some(
                    name @ ("String" | "Vec" | "Box" | "Option" | "Rc" | "Arc" | "CString" | "CStr"
                    | "OsString" | "PathBuf" | "Path"),
                ) => reject(
                    ty,
                    format!(
                        "`{name}` cannot be a system-call argument: a system call receives register values from user space, not Rust objects; take a `UserPtr<T>` (and a length) and copy the data in"
                    ),
                ),
                _ => Ok(None),
            }
        }
        Type::Ptr(ptr) => match &*ptr.elem {
            Type::Slice(_) | Type::TraitObject(_) => reject(
                ty,
                "a pointer to a slice or trait object is two words (address and length or vtable): take a `UserPtr<T>` and a length as two arguments",
            ),
            Type::Path(p) if primitive(&p.path).as_deref() == Some("str") => reject(
                ty,
                "`*const str` is two words (address and length): take a `UserPtr<u8>` and a length as two arguments",
            ),
            _ => Ok(Some(ArgKind::Pointer)),
        },
        Type::Reference(_) => reject(
            ty,
            "a reference cannot be a system-call argument: user space passes an address, which the kernel must not trust or dereference directly; take a `UserPtr<T>` and copy through your checked user-access routines",
        ),
        Type::Slice(_) | Type::Array(_) => reject(
            ty,
            "an array or slice cannot be a system-call argument: user space passes the address of its buffer; take a `UserPtr<T>` and a length",
        ),
        Type::Tuple(t) if t.elems.is_empty() => {
            reject(ty, "`()` carries no value: remove the argument")
        }
        Type::Tuple(_) => reject(
            ty,
            "a tuple cannot be a system-call argument: each argument is one register value; declare each element as its own argument",
        ),
        Type::ImplTrait(_) => reject(
            ty,
            format!(
                "`impl Trait` cannot be a system-call argument: each entry stub needs one concrete type per register; {USE_INSTEAD}"
            ),
        ),
        Type::TraitObject(_) => reject(
            ty,
            format!(
                "`dyn Trait` cannot be a system-call argument: a register holds a plain value; {USE_INSTEAD}"
            ),
        ),
        Type::FnPtr(_) => reject(
            ty,
            "a function pointer cannot be a system-call argument: the kernel must never call an address that user space chose; take a `usize` if user space passes a code address (as for signal handlers)",
        ),
        Type::Never(_) => reject(ty, "`!` cannot be a system-call argument: it has no values"),
        Type::Infer(_) => reject(
            ty,
            "a system-call argument needs a written type: the ABI layout is decided by it",
        ),
        _ => Ok(None),
    }
}

fn classify_ret(ty: &Type) -> Result<Ret, Rejection> {
    let bad = |message: String| Err((ty.to_token_stream().span_or_call_site(), message));
    let allowed = "a system call returns one register: return `isize`, `i32`, `usize`, `()`, `!`, or `Result<T, E>` with `T` one of those and `E: Into<Errno>`";
    match ty {
        Type::Paren(inner) => classify_ret(&inner.elem),
        Type::Group(inner) => classify_ret(&inner.elem),
        Type::Never(_) => Ok(Ret::Never),
        Type::Tuple(t) if t.elems.is_empty() => Ok(Ret::Unit),
        Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last().map(|s| s.ident.to_string());
            match (primitive(&p.path).as_deref(), last.as_deref()) {
                (Some(name @ ("f32" | "f64" | "bool" | "char" | "u128" | "i128" | "str")), _) => {
                    bad(format!(
                        "`{name}` is not a system-call return type; {allowed}"
                    ))
                }
                (_, Some(name @ ("String" | "Vec" | "Box" | "Option"))) => bad(format!(
                    "`{name}<..>` is not a system-call return type: user space gets one register, not a Rust object; {allowed}{}",
                    if name == "Option" {
                        " (an absent value is usually an error: `Result<T, Errno>`)"
                    } else {
                        ""
                    }
                )),
                _ => Ok(Ret::Type(ty.clone())),
            }
        }
        Type::Reference(_)
        | Type::Tuple(_)
        | Type::Slice(_)
        | Type::Array(_)
        | Type::ImplTrait(_)
        | Type::TraitObject(_)
        | Type::FnPtr(_)
        | Type::Ptr(_) => bad(format!("this is not a system-call return type; {allowed}")),
        _ => Ok(Ret::Type(ty.clone())),
    }
}
