//! Stage 1: the attribute's options.
//!
//! ```text
//! #[syscall_define]                          default ABIs for the target
//! #[syscall_define(abi(x86_64, ia32, arm))]  exactly these ABIs, on any host
//! #[syscall_define(ksys)]                    also a typed `ksys_NAME` for in-kernel callers
//! #[syscall_define(crate = path)]            where the facade crate is, if renamed
//! ```

use proc_macro2::{Span, TokenStream};
use syn::parse::Parser;
use syscall_define_abi::{self as abi, Abi};

use super::errors::Errors;

pub struct Options {
    /// The ABIs named with `abi(...)`; `None` means the target's default set.
    pub abis: Option<Vec<&'static Abi>>,
    /// Emit `ksys_NAME`.
    pub ksys: bool,
    /// Path of the facade crate.
    pub krate: syn::Path,
}

fn stub_abi_names() -> String {
    abi::WITH_STUBS
        .iter()
        .map(|abi| format!("`{}`", abi.name))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Options {
    /// Parses the options; `None` if any is wrong (each wrong one is reported).
    pub fn parse(attr: TokenStream, errors: &mut Errors) -> Option<Options> {
        let mut options = Options {
            abis: None,
            ksys: false,
            krate: syn::parse_quote!(::syscall_define),
        };
        let mut abi_seen: Option<Span> = None;
        let mut ksys_seen = false;
        let mut crate_seen = false;
        let mut ok = true;
        let parser = syn::meta::parser(|meta| {
            if meta.path.is_ident("abi") {
                if abi_seen.is_some() {
                    errors.push_spanned(
                        &meta.path,
                        "`abi(...)` is given twice; list every ABI in one `abi(...)`",
                    );
                    ok = false;
                }
                abi_seen = Some(
                    meta.path
                        .get_ident()
                        .map_or_else(Span::call_site, |i| i.span()),
                );
                let mut list: Vec<(&'static Abi, Span)> = Vec::new();
                meta.parse_nested_meta(|inner| {
                    let Some(ident) = inner.path.get_ident() else {
                        errors.push_spanned(&inner.path, format!("expected an ABI name: one of {}", stub_abi_names()));
                        ok = false;
                        return Ok(());
                    };
                    let name = ident.to_string();
                    match abi::WITH_STUBS.iter().find(|abi| abi.name == name) {
                        Some(found) => {
                            if let Some((_, first)) = list.iter().find(|(a, _)| a.id == found.id) {
                                let mut e = syn::Error::new(ident.span(), format!("ABI `{name}` is listed twice"));
                                e.combine(syn::Error::new(*first, "first listed here"));
                                errors.add(e);
                                ok = false;
                            } else {
                                list.push((found, ident.span()));
                            }
                        }
                        None => {
                            let modelled = abi::Abi::by_name(&name).is_some();
                            let why = if modelled {
                                format!("ABI `{name}` is modelled in the `abi` crate for decoding, but has no register file and no entry stubs yet")
                            } else {
                                format!("unknown ABI `{name}`")
                            };
                            errors.push(ident.span(), format!("{why}; ABIs with stubs: {}", stub_abi_names()));
                            ok = false;
                        }
                    }
                    Ok(())
                })?;
                if list.is_empty() && ok {
                    errors.push(
                        abi_seen.unwrap(),
                        format!(
                            "`abi()` is empty: name at least one of {}",
                            stub_abi_names()
                        ),
                    );
                    ok = false;
                }
                options.abis = Some(list.into_iter().map(|(a, _)| a).collect());
                Ok(())
            } else if meta.path.is_ident("ksys") {
                if ksys_seen {
                    errors.push_spanned(&meta.path, "`ksys` is given twice");
                    ok = false;
                }
                ksys_seen = true;
                options.ksys = true;
                Ok(())
            } else if meta.path.is_ident("crate") {
                if crate_seen {
                    errors.push_spanned(&meta.path, "`crate` is given twice");
                    ok = false;
                }
                crate_seen = true;
                options.krate = meta.value()?.parse()?;
                Ok(())
            } else {
                errors.push_spanned(
                    &meta.path,
                    "unknown option: #[syscall_define] takes `abi(name, ...)`, `ksys` and `crate = path`",
                );
                ok = false;
                // Skip whatever the unknown option carries, so the rest is still checked.
                if meta.input.peek(syn::Token![=]) {
                    let _: syn::Token![=] = meta.input.parse()?;
                    let _: syn::Expr = meta.input.parse()?;
                } else if meta.input.peek(syn::token::Paren) {
                    let _group: proc_macro2::Group = meta.input.parse()?;
                }
                Ok(())
            }
        });
        if let Err(e) = parser.parse2(attr) {
            errors.add(e);
            ok = false;
        }
        ok.then_some(options)
    }
}
