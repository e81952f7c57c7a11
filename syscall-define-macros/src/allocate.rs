//! Stage 3: place the arguments on every ABI with the `abi` crate's allocator.
//!
//! Where the macro knows every argument's kind, a signature that does not fit is reported here,
//! on the argument that no longer fits, with the reason in ABI terms, where each argument went,
//! and an order that fits. Where it does not (a type alias, a newtype), the generated code checks
//! in a `const` item with the kinds the types declare; this stage writes that check's message,
//! working out in advance which widths of the unknown types would not fit.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::spanned::Spanned;
use syscall_define_abi::{self as abi, Abi, AllocError, ArgKind, Layout};

use super::check::{Arg, Definition};
use super::errors::Errors;
use super::messages::{deferred_message, explain};
use super::parse::Options;

pub struct Plan {
    pub options: Options,
    pub definition: Definition,
    pub stubs: Vec<StubPlan>,
    /// Validated per-ABI register orders: argument indices in register order.
    pub orders: Vec<(&'static Abi, Vec<u8>)>,
}

/// The register order declared for `abi` (argument indices), if any.
fn order_for<'a>(orders: &'a [(&'static Abi, Vec<u8>)], abi: &Abi) -> Option<&'a [u8]> {
    orders
        .iter()
        .find(|(a, _)| a.id == abi.id)
        .map(|(_, order)| order.as_slice())
}

/// Allocates `kinds` on `abi`, in the register order `given` for it if there is one.
fn allocate_with(
    abi: &'static Abi,
    kinds: &[ArgKind],
    given: Option<&[u8]>,
) -> Result<Layout, AllocError> {
    match given {
        Some(order) => abi::allocate_in_order(abi, kinds, order),
        None => abi::allocate(abi, kinds),
    }
}

/// Resolves `abi(order = (names))` into argument indices, reporting unknown, repeated and
/// missing names and orders for ABIs that are not emitted.
fn resolve_orders(
    options: &Options,
    args: &[Arg],
    explicit: &[&'static Abi],
    errors: &mut Errors,
) -> Vec<(&'static Abi, Vec<u8>)> {
    let mut resolved = Vec::new();
    for (abi, names, tokens) in &options.orders {
        let all: Vec<String> = args.iter().map(|a| a.name.to_string()).collect();
        if !explicit.iter().any(|a| a.id == abi.id) {
            errors.push_spanned(
                tokens,
                format!("a register order for `{abi}`, whose stubs are not emitted: add `{abi}` to `abi(...)`", abi = abi.name),
            );
            continue;
        }
        let mut indices = Vec::new();
        let mut ok = true;
        for name in names {
            match all.iter().position(|a| name == a) {
                Some(i) if indices.contains(&(i as u8)) => {
                    errors.push_spanned(
                        name,
                        format!(
                            "`{name}` is named twice in {}'s order: name every argument once",
                            abi.name
                        ),
                    );
                    ok = false;
                }
                Some(i) => indices.push(i as u8),
                None => {
                    errors.push_spanned(name, format!("{}'s order names `{name}`, which is not an argument: the arguments are ({})", abi.name, all.join(", ")));
                    ok = false;
                }
            }
        }
        if ok && indices.len() != all.len() {
            let missing: Vec<&str> = (0..all.len())
                .filter(|i| !indices.contains(&(*i as u8)))
                .map(|i| all[i].as_str())
                .collect();
            errors.push_spanned(
                tokens,
                format!(
                    "{}'s order must name every argument once; it leaves out {}",
                    abi.name,
                    missing.join(", ")
                ),
            );
            ok = false;
        }
        if ok {
            resolved.push((*abi, indices));
        }
    }
    resolved
}

pub struct StubPlan {
    pub abi: &'static Abi,
    /// `Some(predicate)`: emitted only where `cfg(predicate)` holds (the default ABI set).
    pub cfg: Option<TokenStream>,
    pub status: Status,
    /// Where a failed check of this ABI points: the first and last token of the argument that
    /// does not fit (for `Status::Deferred`, the one that would not fit with the widths that fail),
    /// or the syscall's name when no single argument is to blame.
    #[allow(dead_code)] // for emit.rs: the span of the const check and the `compile_error!`
    pub check_span: (Span, Span),
}

pub enum Status {
    /// Every kind is known and the arguments fit.
    Fits(#[allow(dead_code)] Layout),
    /// Some kind is known only to the compiler; a const check with this message decides.
    Deferred { message: String },
    /// Known not to fit an ABI of the default set: a `compile_error!` under its cfg.
    DoesNotFit {
        /// The first token of the argument that does not fit (`StubPlan::check_span` has both
        /// ends).
        #[allow(dead_code)]
        span: Span,
        message: String,
    },
}

/// The `cfg` predicate under which `abi`'s stubs are emitted by default: the table's
/// `default_cfg`, or `compat_cfg` for a compat definition.
pub fn default_cfg(abi: &Abi, compat: bool) -> TokenStream {
    let cfg = if compat {
        abi.compat_cfg
    } else {
        abi.default_cfg
    };
    cfg.parse().unwrap_or_else(|_| quote!(any()))
}

/// The ABIs emitted without `abi(...)`: those with a default `cfg` (`compat_cfg` for a compat
/// definition), each under it.
pub fn default_abis(compat: bool) -> Vec<&'static Abi> {
    abi::ALL
        .iter()
        .copied()
        .filter(|abi| {
            !(if compat {
                abi.compat_cfg
            } else {
                abi.default_cfg
            })
            .is_empty()
        })
        .collect()
}

/// The syscall's type: its name, or `compat_NAME` for a compat definition (Linux's
/// `compat_sys_NAME`), so that it sits beside the native definition of the same call.
pub fn type_ident(syscall: &syn::Ident, compat: bool) -> syn::Ident {
    if compat {
        quote::format_ident!("compat_{}", syscall, span = syscall.span())
    } else {
        syscall.clone()
    }
}

/// The prefix of `abi`'s entry stub names (`__x64_sys_`, or `__ia32_compat_sys_` for a compat
/// definition); empty where the ABI has none of that kind.
pub fn stub_prefix(abi: &Abi, compat: bool) -> &'static str {
    if compat {
        abi.compat_prefix
    } else {
        abi.stub_prefix
    }
}

pub fn plan(options: Options, definition: Definition, errors: &mut Errors) -> Plan {
    let explicit = options.abis.is_some();
    let abis: Vec<&'static Abi> = match &options.abis {
        Some(list) => list.clone(),
        None => default_abis(options.compat),
    };
    let errors_before_orders = errors.len();
    let orders = resolve_orders(&options, &definition.args, &abis, errors);
    // A misfit in the declared order is not news when the order meant for that ABI was wrong.
    let failed_orders: Vec<abi::AbiId> = if errors.len() > errors_before_orders {
        options.orders.iter().map(|(a, _, _)| a.id).collect()
    } else {
        Vec::new()
    };
    let known: Option<Vec<ArgKind>> = definition.args.iter().map(|a| a.kind).collect();
    let name = &definition.function.sig.ident;
    let stubs = abis
        .into_iter()
        .map(|abi| {
            let cfg = (!explicit).then(|| default_cfg(abi, options.compat));
            let given = order_for(&orders, abi);
            let mut check_span = (name.span(), name.span());
            let status = match &known {
                Some(kinds) => match allocate_with(abi, kinds, given) {
                    Ok(layout) => Status::Fits(layout),
                    Err(e) => {
                        let arg = definition.args.get(e.arg as usize);
                        let mut message = explain(abi, &definition.args, kinds, &e, given);
                        if !explicit {
                            message.push_str(&default_misfit_advice(abi, options.compat));
                        }
                        let report = explicit && !failed_orders.contains(&abi.id);
                        // With an order given for this ABI, the culprit's name in that order.
                        let in_order = given.and_then(|_| {
                            let culprit = &arg?.name;
                            options
                                .orders
                                .iter()
                                .find(|(a, _, _)| a.id == abi.id)
                                .and_then(|(_, names, _)| names.iter().find(|n| *n == culprit))
                        });
                        match (arg, in_order) {
                            (Some(_), Some(name)) => {
                                check_span = (name.span(), name.span());
                                if report {
                                    errors.push(name.span(), &message);
                                }
                            }
                            (Some(arg), None) => {
                                check_span = arg_spans(arg);
                                if report {
                                    errors.add(syn::Error::new_spanned(arg_tokens(arg), &message));
                                }
                            }
                            (None, _) if report => errors.push(name.span(), &message),
                            (None, _) => {}
                        }
                        Status::DoesNotFit {
                            span: arg.map_or(name.span(), arg_span),
                            message,
                        }
                    }
                },
                // On a 64-bit ABI every kind is one register and at most six arguments passed
                // the check stage, so the layout is known whatever the types are.
                None if abi.pair_rule == abi::PairRule::OneRegister => {
                    let words = vec![ArgKind::Pointer; definition.args.len()];
                    match abi::allocate(abi, &words) {
                        Ok(layout) => Status::Fits(layout),
                        Err(_) => Status::Deferred {
                            message: deferred_message(abi, &name.to_string(), &definition.args).0,
                        },
                    }
                }
                None => {
                    let (message, culprit) =
                        deferred_message(abi, &name.to_string(), &definition.args);
                    if let Some(arg) = culprit.and_then(|i| definition.args.get(i)) {
                        check_span = arg_spans(arg);
                    }
                    Status::Deferred { message }
                }
            };
            StubPlan {
                abi,
                cfg,
                status,
                check_span,
            }
        })
        .collect();
    Plan {
        options,
        definition,
        stubs,
        orders,
    }
}

/// Said of a misfit on an ABI the attribute did not name: where that ABI came from, and how to
/// choose the ABIs instead.
fn default_misfit_advice(abi: &Abi, compat: bool) -> String {
    let cfg = default_cfg(abi, compat).to_string();
    format!(
        ". {abi} was not named: it is one of the ABIs {what} builds by default for this target (`cfg({cfg})`). To build only the ABIs this system call exists on, name them: `#[syscall_define(abi(...))]`",
        abi = abi.name,
        what = if compat {
            "a compat definition"
        } else {
            "#[syscall_define]"
        },
    )
}

fn arg_span(arg: &Arg) -> Span {
    let ty = arg.ty.span();
    arg.name.span().join(ty).unwrap_or(arg.name.span())
}

/// The first and last token's spans of `name: Type`.
fn arg_spans(arg: &Arg) -> (Span, Span) {
    let ty = &arg.ty;
    let last = quote!(#ty).into_iter().last();
    (arg.name.span(), last.map_or(arg.name.span(), |t| t.span()))
}

fn arg_tokens(arg: &Arg) -> TokenStream {
    let (name, ty) = (&arg.name, &arg.ty);
    quote!(#name: #ty)
}
