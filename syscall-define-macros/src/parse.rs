//! Stage 1: the attribute's options.
//!
//! ```text
//! #[syscall_define]                          default ABIs for the target
//! #[syscall_define(abi(x86_64, ia32, arm))]  exactly these ABIs, on any host
//! #[syscall_define(abi(all))]                every ABI of the table
//! #[syscall_define(ksys)]                    also a typed `ksys_NAME` for in-kernel callers
//! #[syscall_define(crate = path)]            where the facade crate is, if renamed
//! #[syscall_define(arm(order = (fd, flags, offset, nbytes)))]
//!                                            another register order on one ABI
//! #[syscall_define(ptregs)]                  the body takes the whole register file
//! #[syscall_define(export)]                  stubs as `#[no_mangle] extern "C"` symbols
//! #[syscall_define(compat)]                  a compat definition (COMPAT_SYSCALL_DEFINE)
//! ```
//!
//! Each wrong option is reported once, on its own tokens, and the others are still checked.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::ToTokens;
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
    /// Per-ABI register orders: the ABI, the argument names in register order, and the tokens
    /// to report errors on.
    pub orders: Vec<(&'static Abi, Vec<proc_macro2::Ident>, TokenStream)>,
    /// The body takes the register file itself (`rt_sigreturn`, `clone`, `execve`).
    pub ptregs: bool,
    /// Also emit each stub as a `#[no_mangle] extern "C"` symbol.
    pub export: bool,
    /// A compat definition (Linux's `COMPAT_SYSCALL_DEFINE`): the compat ABIs only, with their
    /// compat names.
    pub compat: bool,
    /// The `abi(...)` entries' identifiers, for errors about the ABIs they name.
    pub abi_idents: Vec<proc_macro2::Ident>,
}

fn stub_abi_names() -> String {
    abi::ALL
        .iter()
        .map(|abi| format!("`{}`", abi.name))
        .collect::<Vec<_>>()
        .join(", ")
}

const OPTIONS: &str = "#[syscall_define] takes `abi(name, ...)` (the ABIs to emit entry stubs for, or `all`), `ksys` (also emit a typed `ksys_NAME` for in-kernel callers), `NAME(order = (arg, ...))` (another register order on ABI NAME), `ptregs` (the body takes the whole register file), `export` (stubs as `#[no_mangle] extern \"C\"` symbols), `compat` (a compat definition, Linux's `COMPAT_SYSCALL_DEFINE`: the compat ABIs only) and `crate = path` (where the `syscall_define` crate is, if renamed)";

fn compat_abi_names() -> String {
    abi::ALL
        .iter()
        .filter(|abi| !abi.compat_prefix.is_empty())
        .map(|abi| format!("`{}`", abi.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the default set is, from the table: the ABIs a few common targets' kernels serve.
pub fn default_abis_text() -> String {
    let on = |arch: &str| {
        let needle = format!("target_arch = \"{arch}\"");
        abi::ALL
            .iter()
            .filter(|abi| abi.default_cfg.contains(&needle))
            .map(|abi| format!("`{}`", abi.name))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    format!(
        "without `abi(...)` the ABIs the target's kernel serves are emitted (x86-64: {}; aarch64: {}; riscv64: {}), each under the `cfg` of its `syscall_define::abi::NAME.default_cfg`",
        on("x86_64"),
        on("aarch64"),
        on("riscv64")
    )
}

/// The name this crate uses for an ABI that is often called something else, and what it is.
fn known_as(name: &str) -> Option<(&'static str, &'static str)> {
    abi::Abi::by_alias(name).map(|abi| (abi.name, abi.description))
}

/// The top-level comma-separated entries of `stream`, each with its tokens.
fn split_commas(stream: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut entries = vec![Vec::new()];
    for tt in stream {
        match &tt {
            TokenTree::Punct(p) if p.as_char() == ',' => entries.push(Vec::new()),
            _ => {
                if let Some(last) = entries.last_mut() {
                    last.push(tt);
                }
            }
        }
    }
    // A trailing comma leaves an empty last entry: not an entry.
    if entries.last().is_some_and(Vec::is_empty) {
        entries.pop();
    }
    entries
}

fn tokens_text(tokens: &[TokenTree]) -> String {
    tokens
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("")
}

/// Parses the entries of `abi(...)`; `None` if one is wrong (each wrong one is reported).
fn parse_abi_list(
    abi_tokens: TokenStream,
    group: &proc_macro2::Group,
    errors: &mut Errors,
) -> Option<(Vec<&'static Abi>, Vec<proc_macro2::Ident>)> {
    let entries = split_commas(group.stream());
    if entries.is_empty() {
        errors.push_spanned(
            abi_tokens,
            format!(
                "`abi()` names no ABI, so no entry stub would be emitted. Name at least one of {}, or remove `abi()`: {}",
                stub_abi_names(),
                default_abis_text()
            ),
        );
        return None;
    }
    let mut ok = true;
    let mut all_seen = false;
    let mut list: Vec<&'static Abi> = Vec::new();
    let idents = &mut Vec::new();
    for entry in entries {
        let ident = match entry.as_slice() {
            [TokenTree::Ident(ident)] => ident.clone(),
            [] => {
                errors.push(
                    group.span(),
                    format!(
                        "`abi(...)` has an empty entry (two commas in a row): list ABI names separated by single commas, from {}",
                        stub_abi_names()
                    ),
                );
                ok = false;
                continue;
            }
            tokens => {
                let text = tokens_text(tokens);
                let hint = match known_as(&text) {
                    Some((name, what)) => format!("this crate calls {what} `{name}`"),
                    None => format!("an ABI is named by one of {}", stub_abi_names()),
                };
                errors.push_spanned(
                    tokens.iter().cloned().collect::<TokenStream>(),
                    format!("expected an ABI name, found `{text}`: {hint}"),
                );
                ok = false;
                continue;
            }
        };
        let name = ident.to_string();
        // `all`: every ABI of the table, for tracers and emulators that decode any of them.
        if name == "all" {
            if all_seen || !list.is_empty() {
                errors.push_spanned(
                    &ident,
                    "`all` already names every ABI: write `abi(all)` alone",
                );
                ok = false;
            }
            all_seen = true;
            let rest: Vec<&'static Abi> = abi::ALL
                .iter()
                .copied()
                .filter(|a| !list.iter().any(|l| l.id == a.id))
                .collect();
            list.extend(rest);
            continue;
        }
        if all_seen {
            errors.push_spanned(
                &ident,
                format!("`all` already names `{name}`: write `abi(all)` alone"),
            );
            ok = false;
            continue;
        }
        match abi::Abi::by_name(&name) {
            Some(found) if list.iter().any(|a| a.id == found.id) => {
                errors.push_spanned(
                    &ident,
                    format!("ABI `{name}` is listed twice in `abi(...)`: each ABI gets one entry stub (`{prefix}NAME`). Remove this one", prefix = found.stub_prefix),
                );
                ok = false;
            }
            Some(found) => {
                list.push(found);
                idents.push(ident.clone());
            }
            None => {
                let message = match known_as(&name) {
                    Some((known, what)) => format!(
                        "unknown ABI `{name}`: this crate calls {what} `{known}`; write `{known}`. ABIs: {}",
                        stub_abi_names()
                    ),
                    None => format!("unknown ABI `{name}`: the ABIs are {}", stub_abi_names()),
                };
                errors.push_spanned(&ident, message);
                ok = false;
            }
        }
    }
    ok.then_some((list, std::mem::take(idents)))
}

/// Whether the attribute names the flag (`ptregs`, `compat`) at the top level, known even when
/// another option is wrong: a `ptregs` function is checked as a full-register system call, and a
/// `compat` one may stand beside a native one of its name.
pub fn mentions(attr: &TokenStream, flag: &str) -> bool {
    split_commas(attr.clone())
        .iter()
        .any(|entry| matches!(entry.as_slice(), [TokenTree::Ident(i)] if i == flag))
}

/// The attribute without the flag (`export`) at its top level.
pub fn without(attr: &TokenStream, flag: &str) -> TokenStream {
    let entries = split_commas(attr.clone())
        .into_iter()
        .filter(|entry| !matches!(entry.as_slice(), [TokenTree::Ident(i)] if i == flag));
    let mut out = TokenStream::new();
    for (n, entry) in entries.enumerate() {
        if n > 0 {
            out.extend([TokenTree::Punct(proc_macro2::Punct::new(
                ',',
                proc_macro2::Spacing::Alone,
            ))]);
        }
        out.extend(entry);
    }
    out
}

/// `(order = (a, b, c))` → the names; `None` if it is not of that form.
fn parse_order(value: &TokenStream) -> Option<Vec<proc_macro2::Ident>> {
    let tokens: Vec<TokenTree> = value.clone().into_iter().collect();
    let [TokenTree::Group(outer)] = tokens.as_slice() else {
        return None;
    };
    if outer.delimiter() != Delimiter::Parenthesis {
        return None;
    }
    let inner: Vec<TokenTree> = outer.stream().into_iter().collect();
    let (key, eq, list) = match inner.as_slice() {
        [
            TokenTree::Ident(key),
            TokenTree::Punct(eq),
            TokenTree::Group(list),
        ] => (key, eq, list),
        _ => return None,
    };
    if key != "order" || eq.as_char() != '=' || list.delimiter() != Delimiter::Parenthesis {
        return None;
    }
    split_commas(list.stream())
        .into_iter()
        .map(|entry| match entry.as_slice() {
            [TokenTree::Ident(name)] => Some(name.clone()),
            _ => None,
        })
        .collect()
}

/// Skips what an option carries (`= value` or `(...)`), so the options after it are still read.
fn skip_value(input: syn::parse::ParseStream) -> syn::Result<TokenStream> {
    let mut skipped = TokenStream::new();
    while !input.is_empty() && !input.peek(syn::Token![,]) {
        let tt: TokenTree = input.parse()?;
        skipped.extend([tt]);
    }
    Ok(skipped)
}

impl Options {
    /// Parses the options; `None` if any is wrong (each wrong one is reported).
    pub fn parse(attr: TokenStream, errors: &mut Errors) -> Option<Options> {
        let mut options = Options {
            abis: None,
            ksys: false,
            krate: syn::parse_quote!(::syscall_define),
            orders: Vec::new(),
            ptregs: false,
            export: false,
            compat: false,
            abi_idents: Vec::new(),
        };
        let mut abi_seen = false;
        let mut ksys_seen = false;
        let mut crate_seen = false;
        let mut ok = true;
        let parser = syn::meta::parser(|meta| {
            let path = &meta.path;
            if path.is_ident("abi") {
                let value = skip_value(meta.input)?;
                if abi_seen {
                    errors.push_spanned(
                        quote::quote!(#path #value),
                        "`abi(...)` is given twice: list every ABI in one `abi(...)`",
                    );
                    ok = false;
                    return Ok(());
                }
                abi_seen = true;
                let group = match value.clone().into_iter().collect::<Vec<_>>().as_slice() {
                    [TokenTree::Group(g)] if g.delimiter() == Delimiter::Parenthesis => g.clone(),
                    _ => {
                        errors.push_spanned(
                            quote::quote!(#path #value),
                            format!(
                                "`abi` takes a list of ABI names in parentheses: `abi(x86_64, ia32)`, from {}",
                                stub_abi_names()
                            ),
                        );
                        ok = false;
                        return Ok(());
                    }
                };
                match parse_abi_list(quote::quote!(#path #value), &group, errors) {
                    Some((list, idents)) => {
                        options.abis = Some(list);
                        options.abi_idents = idents;
                    }
                    None => ok = false,
                }
                Ok(())
            } else if path.is_ident("ksys") {
                let value = skip_value(meta.input)?;
                if !value.is_empty() {
                    errors.push_spanned(
                        quote::quote!(#path #value),
                        "`ksys` takes no value: write `ksys` to also emit a typed `ksys_NAME` for in-kernel callers",
                    );
                    ok = false;
                } else if ksys_seen {
                    errors.push_spanned(path, "`ksys` is given twice: remove this one");
                    ok = false;
                }
                ksys_seen = true;
                options.ksys = true;
                Ok(())
            } else if path.is_ident("crate") {
                let value = skip_value(meta.input)?;
                let message = "`crate` takes the path of the `syscall_define` crate, if it was renamed or is re-exported: `crate = ::my_kernel::syscall_define`";
                if crate_seen {
                    errors.push_spanned(
                        quote::quote!(#path #value),
                        "`crate = ...` is given twice: remove this one",
                    );
                    ok = false;
                    return Ok(());
                }
                crate_seen = true;
                let mut iter = value.clone().into_iter();
                let eq = matches!(iter.next(), Some(TokenTree::Punct(p)) if p.as_char() == '=');
                let krate = eq
                    .then(|| syn::parse2::<syn::Path>(iter.collect()).ok())
                    .flatten();
                match krate {
                    Some(krate) => options.krate = krate,
                    None => {
                        errors.push_spanned(quote::quote!(#path #value), message);
                        ok = false;
                    }
                }
                Ok(())
            } else if path.is_ident("ptregs") || path.is_ident("export") || path.is_ident("compat")
            {
                let value = skip_value(meta.input)?;
                let flag = if path.is_ident("ptregs") {
                    &mut options.ptregs
                } else if path.is_ident("export") {
                    &mut options.export
                } else {
                    &mut options.compat
                };
                let name = path.to_token_stream().to_string();
                if !value.is_empty() {
                    errors.push_spanned(
                        quote::quote!(#path #value),
                        format!("`{name}` takes no value"),
                    );
                    ok = false;
                } else if *flag {
                    errors.push_spanned(path, format!("`{name}` is given twice: remove this one"));
                    ok = false;
                }
                *flag = true;
                Ok(())
            } else if let Some(order_abi) = path
                .get_ident()
                .and_then(|i| abi::Abi::by_name(&i.to_string()))
            {
                let value = skip_value(meta.input)?;
                let all = quote::quote!(#path #value);
                match parse_order(&value) {
                    Some(names) if options.orders.iter().any(|(a, _, _)| a.id == order_abi.id) => {
                        let _ = names;
                        errors.push_spanned(
                            all,
                            format!(
                                "a register order for `{}` is given twice: keep one",
                                order_abi.name
                            ),
                        );
                        ok = false;
                    }
                    Some(names) => options.orders.push((order_abi, names, all)),
                    None => {
                        errors.push_spanned(
                            all,
                            format!(
                                "`{abi}(...)` gives {abi}'s register order: `{abi}(order = (fd, flags, offset, nbytes))`, naming every argument once, in the order the registers take them",
                                abi = order_abi.name
                            ),
                        );
                        ok = false;
                    }
                }
                Ok(())
            } else {
                let value = skip_value(meta.input)?;
                let name = path.to_token_stream().to_string().replace(' ', "");
                let hint = match (name.as_str(), known_as(&name)) {
                    ("compat", _) => " A 32-bit compat entry is an ABI: `abi(x86_64, ia32)` or `abi(aarch64, arm)`.".to_string(),
                    (_, Some((abi_name, _))) => format!(" ABIs go inside `abi(...)`: `abi({abi_name})`."),
                    _ => String::new(),
                };
                errors.push_spanned(
                    quote::quote!(#path #value),
                    format!("unknown option `{name}`: {OPTIONS}.{hint}"),
                );
                ok = false;
                Ok(())
            }
        });
        let attr_tokens = attr.clone();
        if let Err(e) = parser.parse2(attr) {
            errors.add(syn::Error::new(
                e.span(),
                format!("{e}: {OPTIONS}, separated by commas"),
            ));
            ok = false;
        }
        if ok && options.compat {
            if options.ksys {
                errors.push_spanned(
                    &attr_tokens,
                    "`ksys` and `compat` do not go together: in-kernel callers call the native definition's `ksys_NAME`; a compat definition exists only for the compat ABIs' entry stubs",
                );
                ok = false;
            }
            // `abi(all)` with `compat` means every compat ABI; a named ABI must be one.
            if let Some(list) = &mut options.abis {
                let named_all = options.abi_idents.len() < list.len();
                if named_all {
                    list.retain(|abi| !abi.compat_prefix.is_empty());
                } else {
                    for (abi, ident) in list.iter().zip(&options.abi_idents) {
                        if abi.compat_prefix.is_empty() {
                            errors.push_spanned(
                                ident,
                                format!(
                                    "ABI `{}` has no compat entries: it is no 64-bit kernel's compat ABI, so a compat definition (`COMPAT_SYSCALL_DEFINE`) has no stub for it. Compat ABIs: {}",
                                    abi.name,
                                    compat_abi_names()
                                ),
                            );
                            ok = false;
                        }
                    }
                }
            }
        }
        if ok && options.ptregs && options.ksys {
            errors.push_spanned(
                attr_tokens,
                "`ksys` and `ptregs` do not go together: a full-register system call's body takes the register file, which in-kernel callers do not have. Call a shared helper from both instead",
            );
            // The options stay valid otherwise, so that the function is still checked as a
            // `ptregs` one (its `&mut` register file is not reported again).
        }
        ok.then_some(options)
    }
}
