//! `#[derive(SyscallArg)]`: a newtype over an integer or pointer takes its field's kind, a
//! fieldless `#[repr(int)]` enum its repr's; a value that is no variant, or has a bit outside a
//! flag set's `mask`, is rejected before the body with `EINVAL` (or the errno named by
//! `#[syscall_arg(error = EBADF)]`). Tracers show an enum's value by its variant's name, a
//! newtype's as its field's, or as `#[syscall_arg(display = ArgDisplay::…)]` says. Not part of
//! the attribute's stages: a separate derive.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::{Data, DeriveInput, Fields};

use crate::expand::errors::Errors;

struct Settings {
    krate: syn::Path,
    error: syn::Ident,
    mask: Option<syn::Expr>,
    display: Option<syn::Expr>,
}

fn settings(input: &DeriveInput, errors: &mut Errors) -> Settings {
    let mut settings = Settings {
        krate: syn::parse_quote!(::syscall_define),
        error: syn::Ident::new("EINVAL", Span::call_site()),
        mask: None,
        display: None,
    };
    for attr in input
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("syscall_arg"))
    {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("error") {
                settings.error = meta.value()?.parse()?;
            } else if meta.path.is_ident("mask") {
                settings.mask = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("display") {
                settings.display = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("crate") {
                settings.krate = meta.value()?.parse()?;
            } else {
                return Err(meta.error(
                    "#[syscall_arg] takes `error = ERRNO` (the errno for a value it rejects, EINVAL by default), `mask = BITS` (a flag set's valid bits), `display = ArgDisplay::…` (how tracers show it) and `crate = path`",
                ));
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.add(e);
        }
    }
    settings
}

/// The integer a fieldless enum's `#[repr(..)]` names.
fn repr(input: &DeriveInput) -> Option<syn::Ident> {
    const INTS: &[&str] = &[
        "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize",
    ];
    let mut found = None;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("repr")) {
        let _ = attr.parse_nested_meta(|meta| {
            if let Some(ident) = meta.path.get_ident()
                && INTS.contains(&ident.to_string().as_str())
            {
                found = Some(ident.clone());
            }
            Ok(())
        });
    }
    found
}

pub fn derive(input: TokenStream) -> TokenStream {
    let input: DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(e) => return e.to_compile_error(),
    };
    let mut errors = Errors::default();
    let settings = settings(&input, &mut errors);
    if !input.generics.params.is_empty() {
        errors.push_spanned(
            &input.generics,
            "#[derive(SyscallArg)] is for concrete types: a system-call argument has one width and one decoding. Remove the generic parameters",
        );
    }
    let name = &input.ident;
    let Settings {
        krate,
        error,
        mask,
        display,
    } = &settings;
    let display_of = |default: TokenStream| match display {
        Some(expr) => quote!(const DISPLAY: #krate::ArgDisplay = #expr;),
        None => default,
    };
    let errno = quote!(#krate::Errno::#error);
    let check_mask = mask.as_ref().map(|mask| {
        quote! {
            if #krate::SyscallArg::encode(&inner) & !((#mask) as u64) != 0 {
                return ::core::result::Result::Err(#errno);
            }
        }
    });
    let body = match &input.data {
        Data::Struct(data) => {
            let field = match &data.fields {
                Fields::Unnamed(f) if f.unnamed.len() == 1 => f.unnamed.first(),
                Fields::Named(f) if f.named.len() == 1 => f.named.first(),
                _ => None,
            };
            match field {
                None => {
                    errors.push_spanned(
                        data.fields.to_token_stream(),
                        "#[derive(SyscallArg)] on a struct needs exactly one field, the integer or pointer the register holds (`struct Fd(i32);`); a struct of several values is passed behind a `UserPtr`",
                    );
                    None
                }
                Some(field) => {
                    let ty = &field.ty;
                    let build = match &field.ident {
                        Some(ident) => quote!(#name { #ident: inner }),
                        None => quote!(#name(inner)),
                    };
                    let get = match &field.ident {
                        Some(ident) => quote!(self.#ident),
                        None => quote!(self.0),
                    };
                    let display = display_of(
                        quote!(const DISPLAY: #krate::ArgDisplay = <#ty as #krate::SyscallArg>::DISPLAY;),
                    );
                    Some(quote! {
                        const KIND: #krate::abi::ArgKind = <#ty as #krate::SyscallArg>::KIND;
                        #display
                        #[inline(always)]
                        fn decode(value: u64) -> ::core::result::Result<Self, #krate::Errno> {
                            let inner = <#ty as #krate::SyscallArg>::decode(value)?;
                            #check_mask
                            ::core::result::Result::Ok(#build)
                        }
                        #[inline(always)]
                        fn encode(&self) -> u64 {
                            #krate::SyscallArg::encode(&#get)
                        }
                    })
                }
            }
        }
        Data::Enum(data) => {
            let with_fields: Vec<_> = data
                .variants
                .iter()
                .filter(|v| !matches!(v.fields, Fields::Unit))
                .collect();
            for v in &with_fields {
                errors.push_spanned(
                    &v.fields,
                    "#[derive(SyscallArg)] on an enum needs fieldless variants: a register holds one integer, each variant one value of it",
                );
            }
            match repr(&input) {
                None => {
                    errors.push_spanned(
                        name,
                        "#[derive(SyscallArg)] on an enum needs `#[repr(u32)]` (or another integer type) to say how wide its values are in the register",
                    );
                    None
                }
                Some(_) if !with_fields.is_empty() => None,
                Some(repr) => {
                    let variants: Vec<&syn::Ident> =
                        data.variants.iter().map(|v| &v.ident).collect();
                    // Tracers show a variant by its name.
                    let names: Vec<String> = variants.iter().map(|v| v.to_string()).collect();
                    let display = display_of(quote! {
                        const DISPLAY: #krate::ArgDisplay = #krate::ArgDisplay::Named(&[
                            #( (Self::#variants as i64, #names) ),*
                        ]);
                    });
                    Some(quote! {
                        const KIND: #krate::abi::ArgKind = <#repr as #krate::SyscallArg>::KIND;
                        #display
                        #[inline(always)]
                        fn decode(value: u64) -> ::core::result::Result<Self, #krate::Errno> {
                            let inner = <#repr as #krate::SyscallArg>::decode(value)?;
                            #(
                                if inner == Self::#variants as #repr {
                                    return ::core::result::Result::Ok(Self::#variants);
                                }
                            )*
                            ::core::result::Result::Err(#errno)
                        }
                        #[inline(always)]
                        fn encode(&self) -> u64 {
                            match self {
                                #( Self::#variants => #krate::SyscallArg::encode(&(Self::#variants as #repr)), )*
                            }
                        }
                    })
                }
            }
        }
        Data::Union(u) => {
            errors.push_spanned(
                u.union_token,
                "#[derive(SyscallArg)] does not go on a union: say which integer the register holds with a newtype (`struct Arg(u32);`)",
            );
            None
        }
    };
    match body {
        Some(body) if errors.is_empty() => quote! {
            impl #krate::SyscallArg for #name {
                #body
            }
        },
        _ => errors.into_compile_errors(),
    }
}
