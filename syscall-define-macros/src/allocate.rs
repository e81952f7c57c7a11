//! Stage 3: place the arguments on every ABI with the `abi` crate's allocator.
//!
//! Where the macro knows every argument's kind, a signature that does not fit is reported here,
//! on the argument that no longer fits, with the reason in ABI terms and an order that fits. Where
//! it does not (a type alias, a newtype), the generated code checks in a `const` item with the
//! kinds the types declare; this stage writes that check's message.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::spanned::Spanned;
use syscall_define_abi::{self as abi, Abi, AllocError, AllocErrorKind, ArgKind, Layout};

use super::check::{Arg, Definition};
use super::errors::Errors;
use super::parse::Options;

pub struct Plan {
    pub options: Options,
    pub definition: Definition,
    pub stubs: Vec<StubPlan>,
}

pub struct StubPlan {
    pub abi: &'static Abi,
    /// `Some(predicate)`: emitted only where `cfg(predicate)` holds (the default ABI set).
    pub cfg: Option<TokenStream>,
    pub status: Status,
}

pub enum Status {
    /// Every kind is known and the arguments fit.
    Fits(#[allow(dead_code)] Layout),
    /// Some kind is known only to the compiler; a const check with this message decides.
    Deferred { message: String },
    /// Known not to fit an ABI of the default set: a `compile_error!` under its cfg.
    DoesNotFit { span: Span, message: String },
}

/// The `cfg` predicate under which `abi`'s stubs are emitted by default.
pub fn default_cfg(abi: &Abi) -> TokenStream {
    let arches = abi.default_on.iter();
    quote!(any(#(target_arch = #arches),*))
}

pub fn plan(options: Options, definition: Definition, errors: &mut Errors) -> Plan {
    let explicit = options.abis.is_some();
    let abis: Vec<&'static Abi> = match &options.abis {
        Some(list) => list.clone(),
        None => abi::WITH_STUBS.to_vec(),
    };
    let kinds: Option<Vec<ArgKind>> = definition.args.iter().map(|a| a.kind).collect();
    let name = &definition.function.sig.ident;
    let stubs = abis
        .into_iter()
        .map(|abi| {
            let cfg = (!explicit).then(|| default_cfg(abi));
            let status = match &kinds {
                Some(kinds) => match abi::allocate(abi, kinds) {
                    Ok(layout) => Status::Fits(layout),
                    Err(e) => {
                        let arg = &definition.args[e.arg as usize];
                        let span = arg_span(arg);
                        let message = explain(abi, &definition.args, kinds, &e);
                        if explicit {
                            errors.push(span, &message);
                        }
                        Status::DoesNotFit { span, message }
                    }
                },
                None => Status::Deferred {
                    message: format!(
                        "system call `{name}` does not fit {abi}: with the widths its argument types declare through `SyscallArg::KIND`, its arguments need more than the {n} argument words {abi} has ({slots}). A type alias or newtype of `i64`/`u64` takes two words (a register pair) on a 32-bit ABI",
                        abi = abi.name,
                        n = abi.max_words(),
                        slots = abi.arg_slots.join(", "),
                    ),
                },
            };
            StubPlan { abi, cfg, status }
        })
        .collect();
    Plan {
        options,
        definition,
        stubs,
    }
}

fn arg_span(arg: &Arg) -> Span {
    let ty = arg.ty.span();
    arg.name.span().join(ty).unwrap_or(ty)
}

fn arg_text(arg: &Arg) -> String {
    format!("`{}: {}`", arg.name, super::emit::type_text(&arg.ty))
}

/// The diagnostic for a signature that does not fit `abi`, in ABI terms, with a fix.
fn explain(abi: &Abi, args: &[Arg], kinds: &[ArgKind], e: &AllocError) -> String {
    debug_assert_eq!(e.kind, AllocErrorKind::OutOfWords);
    let culprit = arg_text(&args[e.arg as usize]);
    let pairs: Vec<String> = args
        .iter()
        .zip(kinds)
        .filter(|(_, kind)| kind.words(abi) == 2)
        .map(|(arg, _)| arg_text(arg))
        .collect();
    let mut why = String::new();
    if !pairs.is_empty() {
        let (subject, verb) = if pairs.len() == 1 {
            (pairs[0].clone(), "is a 64-bit value, which")
        } else {
            (join_and(&pairs), "are 64-bit values, each of which")
        };
        let rule = match abi.pair_rule {
            abi::PairRule::EvenAligned => "takes a register pair starting at an even register",
            _ => "takes two consecutive registers",
        };
        why.push_str(&format!("{subject} {verb} {} {rule}", abi.name));
        let pads: Vec<&str> = (0..abi::MAX_SLOTS)
            .filter(|slot| e.pads & (1 << slot) != 0)
            .map(|slot| abi.arg_slots.get(slot).copied().unwrap_or("a stack word"))
            .collect();
        if !pads.is_empty() {
            why.push_str(&format!(
                ", so {} {} skipped as padding",
                join_and(&pads),
                if pads.len() == 1 { "is" } else { "are" }
            ));
        }
        why.push_str("; ");
    }
    let fix = match e.reorder {
        Some(order) => {
            let names: Vec<String> = order[..args.len()].iter().map(|&i| args[i as usize].name.to_string()).collect();
            format!(
                "Reorder the arguments as ({}), as Linux does for `sync_file_range2` and `arm_fadvise64_64`",
                names.join(", ")
            )
        }
        None => "No order of these arguments fits: pass fewer or narrower arguments, or a `UserPtr` to a struct (as s390's `fadvise64_64` does)".to_string(),
    };
    format!(
        "{culprit} does not fit on {abi}: {why}these arguments need {needed} argument words and {abi} has {available} ({slots}). {fix}",
        abi = abi.name,
        needed = e.words_needed,
        available = e.words_available,
        slots = abi.arg_slots.join(", "),
    )
}

fn join_and<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => format!(
            "{} and {}",
            init.iter()
                .map(|s| s.as_ref())
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}
