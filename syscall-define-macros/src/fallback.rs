//! What the macro emits when it reports an error (as thiserror's `fallback.rs`): the original
//! function, so the IDE keeps checking the body, and the names a successful expansion defines
//! (the syscall's type with its `Syscall` implementation and descriptor, its entry stubs, with
//! unreachable bodies), so the rest of the crate (a table that lists it, code that reads its
//! descriptor), and an IDE, keep resolving them: the only error is the macro's.

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use syn::punctuated::Punctuated;
use syn::{FnArg, Ident, Pat, Type};
use syscall_define_abi::Abi;

use super::allocate::{default_abis, default_cfg, stub_prefix, type_ident};
use super::check::{is_syscall_define, primitive};

/// The fallback expansion of `function`: `abis` are the ABIs the attribute named (`None`: the
/// default set, or the attribute did not parse), `compat` whether it is a compat definition.
pub fn fallback(
    function: &syn::ItemFn,
    abis: Option<&[&'static Abi]>,
    compat: bool,
    krate: &syn::Path,
) -> TokenStream {
    let mut out = cleaned(function).into_token_stream();
    // A method (`self`) sits in an `impl`, where no struct or free function may follow.
    if function.sig.receiver().is_some() {
        return out;
    }
    let syscall = &function.sig.ident;
    let vis = &function.vis;
    let name = type_ident(syscall, compat);
    let cfgs: Vec<&syn::Attribute> = function
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("cfg"))
        .collect();
    let name_str = syscall.to_string();
    let private = quote!(#krate::__private);
    out.extend(quote! {
        #(#cfgs)*
        #[allow(non_camel_case_types, dead_code)]
        #vis struct #name {}
        #(#cfgs)*
        #[allow(dead_code)]
        impl #name {
            /// The system call's descriptor (the definition has an error: it has no arguments).
            pub const DESCRIPTOR: &'static #krate::Descriptor = <Self as #krate::Syscall>::DESCRIPTOR;
        }
        #(#cfgs)*
        impl #krate::Syscall for #name {
            const NAME: &'static str = #name_str;
            const ARGS: &'static [#krate::ArgMeta] = &[];
            type Args = ();
            type Return = isize;
            const DESCRIPTOR: &'static #krate::Descriptor = &#krate::Descriptor::new::<Self>(&[]);
        }
        #(#cfgs)*
        impl #private::Body for #name {
            fn __do_sys((): ()) -> isize {
                ::core::unreachable!()
            }
        }
    });
    let stubs: Vec<(&'static Abi, Option<TokenStream>)> = match abis {
        Some(list) => list.iter().map(|abi| (*abi, None)).collect(),
        None => default_abis(compat)
            .into_iter()
            .map(|abi| (abi, Some(default_cfg(abi, compat))))
            .collect(),
    };
    for (abi, cfg) in stubs {
        let prefix = stub_prefix(abi, compat);
        if prefix.is_empty() {
            continue;
        }
        let stub: Ident = format_ident!("{}{}", prefix, syscall, span = syscall.span());
        let cfg = cfg.map(|pred| quote!(#[cfg(#pred)]));
        let tag = format_ident!("{}", abi.tag);
        out.extend(quote! {
            #(#cfgs)*
            #cfg
            impl #krate::HasStub<#private::#tag> for #name {}
            #(#cfgs)*
            #cfg
            #[doc(hidden)]
            #[allow(dead_code, non_snake_case, unused_variables)]
            #vis unsafe fn #stub<R: ?::core::marker::Sized>(regs: &R) -> isize {
                ::core::unreachable!()
            }
        });
    }
    out
}

/// The function the macro emits, instead of its expansion, when it reports an error: the
/// original, so the IDE keeps working, minus what the compiler would report a second time (the
/// macro has already said why, on the same tokens).
///
/// - a C-variadic `...` (rustc: "only `extern "C"` functions may have a C variable argument list");
/// - a second argument with a name already taken (rustc E0415): it becomes `_`;
/// - an unsized argument type (`dyn Trait`, `[T]`, `str`: rustc E0277): it is passed by
///   reference instead, so the body still type-checks in most cases;
/// - a second `#[syscall_define]` (which would define every name again, rustc E0428);
///
/// A `self` receiver is kept: from the item alone the macro cannot tell whether it is inside an
/// `impl` (where the method is valid Rust) or not (where rustc rejects the input with or without
/// the macro), and the source file (`site`) is not always there to say.
fn cleaned(function: &syn::ItemFn) -> syn::ItemFn {
    let mut function = function.clone();
    function.attrs.retain(|attr| !is_syscall_define(attr));
    let sig = &mut function.sig;
    sig.variadic = None;
    let mut seen: Vec<Ident> = Vec::new();
    let mut inputs = Punctuated::new();
    for input in std::mem::take(&mut sig.inputs) {
        let input = match input {
            FnArg::Typed(mut typed) => {
                if let Pat::Ident(pat) = &*typed.pat {
                    if seen.contains(&pat.ident) {
                        typed.pat = Box::new(syn::parse_quote!(_));
                    } else {
                        seen.push(pat.ident.clone());
                    }
                }
                if is_unsized(&typed.ty) {
                    let ty = &typed.ty;
                    typed.ty = Box::new(syn::parse_quote!(&#ty));
                }
                FnArg::Typed(typed)
            }
            receiver => receiver,
        };
        inputs.push(input);
    }
    sig.inputs = inputs;
    function
}

fn is_unsized(ty: &Type) -> bool {
    match ty {
        Type::Paren(inner) => is_unsized(&inner.elem),
        Type::Group(inner) => is_unsized(&inner.elem),
        Type::Slice(_) | Type::TraitObject(_) => true,
        Type::Path(p) => p.qself.is_none() && primitive(&p.path).as_deref() == Some("str"),
        _ => false,
    }
}
