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
use syscall_define_abi::{
    self as abi, Abi, AllocError, AllocErrorKind, ArgKind, Layout, Placement,
};

use super::check::{Arg, Definition};
use super::errors::Errors;
use super::parse::Options;

pub struct Plan {
    pub options: Options,
    pub definition: Definition,
    pub stubs: Vec<StubPlan>,
    /// Validated per-ABI register orders: argument indices in register order.
    pub orders: Vec<(&'static Abi, Vec<u8>)>,
}

/// Allocates `kinds` on `abi`, in `abi`'s declared register order if it has one.
fn allocate_with(
    abi: &'static Abi,
    kinds: &[ArgKind],
    orders: &[(&'static Abi, Vec<u8>)],
) -> Result<Layout, AllocError> {
    match orders.iter().find(|(a, _)| a.id == abi.id) {
        Some((_, order)) => abi::allocate_in_order(abi, kinds, order),
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

pub fn plan(options: Options, definition: Definition, errors: &mut Errors) -> Plan {
    let explicit = options.abis.is_some();
    let abis: Vec<&'static Abi> = match &options.abis {
        Some(list) => list.clone(),
        None if options.compat => abi::ALL
            .iter()
            .copied()
            .filter(|abi| !abi.compat_cfg.is_empty())
            .collect(),
        None => abi::ALL
            .iter()
            .copied()
            .filter(|abi| !abi.default_cfg.is_empty())
            .collect(),
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
            let mut check_span = (name.span(), name.span());
            let status = match &known {
                Some(kinds) => match allocate_with(abi, kinds, &orders) {
                    Ok(layout) => Status::Fits(layout),
                    Err(e) => {
                        let arg = definition.args.get(e.arg as usize);
                        let message = explain(abi, &definition.args, kinds, &e);
                        let report = explicit && !failed_orders.contains(&abi.id);
                        match arg {
                            Some(arg) => {
                                check_span = arg_spans(arg);
                                if report {
                                    errors.add(syn::Error::new_spanned(arg_tokens(arg), &message));
                                }
                            }
                            None if report => errors.push(name.span(), &message),
                            None => {}
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

fn arg_text(arg: &Arg) -> String {
    format!("`{}: {}`", arg.name, super::emit::type_text(&arg.ty))
}

/// The register(s) of `place` on `abi`: `r0`, or `r2:r3` (low half, high half) for a pair.
fn place_text(abi: &Abi, place: Placement) -> String {
    let slot = |s: u8| {
        abi.arg_slots
            .get(s as usize)
            .copied()
            .unwrap_or("a stack word")
    };
    match place {
        Placement::One(s) => slot(s).to_string(),
        Placement::Pair { lo, hi } | Placement::LoHi { lo, hi } => {
            format!("{}:{}", slot(lo), slot(hi))
        }
    }
}

/// Where each argument goes in `order` (argument indices), padding included, until the
/// registers run out: `fd → r0, r1 skipped, offset → r2:r3, …, flags → no register left`.
fn walk_text(abi: &Abi, args: &[Arg], kinds: &[ArgKind], order: &[usize]) -> String {
    let ordered: Vec<ArgKind> = order.iter().map(|&i| kinds[i]).collect();
    let mut parts = Vec::new();
    let mut pads_done = 0u8;
    for (position, &index) in order.iter().enumerate() {
        let name = &args[index].name;
        match abi::allocate(abi, &ordered[..=position]) {
            Ok(layout) => {
                let new_pads = layout.pad_mask() & !pads_done;
                for slot in 0..abi.max_words() {
                    if new_pads & (1 << slot) != 0 {
                        parts.push(format!("{} skipped", abi.arg_slots[slot]));
                    }
                }
                pads_done |= new_pads;
                parts.push(format!(
                    "{name} → {}",
                    place_text(abi, layout.arg(position))
                ));
            }
            Err(_) => parts.push(format!("{name} → no register left")),
        }
    }
    parts.join(", ")
}

/// The diagnostic for a signature that does not fit `abi`, in ABI terms, with a fix.
fn explain(abi: &Abi, args: &[Arg], kinds: &[ArgKind], e: &AllocError) -> String {
    let Some(culprit) = args.get(e.arg as usize) else {
        return format!("these arguments do not fit on {}", abi.name);
    };
    if e.kind == AllocErrorKind::TooManyArguments {
        return format!(
            "{} does not fit on {abi}: a system call takes at most {max} arguments, and {abi} has {n} argument registers ({slots})",
            arg_text(culprit),
            abi = abi.name,
            max = abi::MAX_ARGS,
            n = abi.max_words(),
            slots = abi.arg_slots.join(", "),
        );
    }
    let pairs: Vec<String> = args
        .iter()
        .zip(kinds)
        .filter(|(_, kind)| kind.words(abi) == 2)
        .map(|(arg, _)| arg_text(arg))
        .collect();
    let mut why = String::new();
    if !pairs.is_empty() {
        let (subject, each) = if pairs.len() == 1 {
            let subject = if pairs[0] == arg_text(culprit) {
                "it is 64-bit".to_string()
            } else {
                format!("{} is 64-bit", pairs[0])
            };
            (subject, "a 64-bit argument")
        } else {
            (
                format!("{} are 64-bit", join_and(&pairs)),
                "each 64-bit argument",
            )
        };
        let halves = match abi.half_order {
            abi::HalfOrder::LowFirst => "low half first",
            abi::HalfOrder::HighFirst => "high half first",
        };
        let rule = match abi.pair_rule {
            abi::PairRule::EvenAligned => {
                let even: Vec<String> = (0..abi.max_words() / 2)
                    .map(|i| format!("{}:{}", abi.arg_slots[2 * i], abi.arg_slots[2 * i + 1]))
                    .collect();
                format!(
                    "in a register pair ({halves}) that starts at an even register ({})",
                    even.join(", ")
                )
            }
            _ => format!("in two consecutive registers ({halves})"),
        };
        why.push_str(&format!("{subject}, and {} passes {each} {rule}", abi.name));
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
    let declared: Vec<usize> = (0..args.len()).collect();
    let fix = match e.reorder {
        Some(order) => {
            let order: Vec<usize> = order[..args.len()].iter().map(|&i| i as usize).collect();
            let names: Vec<String> = order.iter().map(|&i| args[i].name.to_string()).collect();
            format!(
                "Reorder the arguments as ({names}): {walk}, as Linux does for `sync_file_range2` and `arm_fadvise64_64`; or keep this order for the body and the other ABIs and give {abi} its own: `#[syscall_define({abi}(order = ({names})))]`",
                names = names.join(", "),
                walk = walk_text(abi, args, kinds, &order),
                abi = abi.name,
            )
        }
        None => format!(
            "No order of these arguments fits: they need {} words in any order. Pass some of them in a struct behind a `UserPtr`, as i386's `old_mmap` does, or use narrower types",
            kinds.iter().map(|k| k.words(abi)).sum::<usize>(),
        ),
    };
    format!(
        "{culprit} does not fit on {abi}: {why}these arguments need {needed} argument words and {abi} has {available} ({slots}). As declared: {walk}. {fix}",
        culprit = arg_text(culprit),
        abi = abi.name,
        needed = e.words_needed,
        available = e.words_available,
        slots = abi.arg_slots.join(", "),
        walk = walk_text(abi, args, kinds, &declared),
    )
}

/// The message of the const check for `abi` when some argument types are unknown to the macro,
/// and the argument it blames.
///
/// Only an argument's width matters to the allocator (one word, or a pair for a 64-bit value on
/// a 32-bit ABI), so the macro tries every width of the unknown types: the const check can only
/// fail with one of the combinations that do not fit, and the message explains the widest of
/// them (type aliases of `i64` such as `loff_t` being the usual case), saying it is a guess when
/// another combination would fail too.
fn deferred_message(abi: &Abi, name: &str, args: &[Arg]) -> (String, Option<usize>) {
    let unknown: Vec<usize> = (0..args.len())
        .filter(|&i| args[i].kind.is_none())
        .collect();
    let generic = format!(
        "system call `{name}` does not fit {abi}: with the widths its argument types declare through `SyscallArg::KIND`, its arguments need more than the {n} argument words {abi} has ({slots}). A type alias or newtype of `i64`/`u64` takes a register pair on a 32-bit ABI, like `i64`",
        abi = abi.name,
        n = abi.max_words(),
        slots = abi.arg_slots.join(", "),
    );
    if unknown.len() > abi::MAX_ARGS || args.len() > abi::MAX_ARGS {
        return (generic, None);
    }
    // Every combination of widths of the unknown types, widest first.
    let mut failing: Vec<(Vec<ArgKind>, AllocError)> = Vec::new();
    for mask in (0..1u32 << unknown.len()).rev() {
        let kinds: Vec<ArgKind> = args
            .iter()
            .enumerate()
            .map(|(i, arg)| {
                arg.kind.unwrap_or_else(|| {
                    let bit = unknown.iter().position(|&u| u == i).unwrap_or(0);
                    if mask & (1 << bit) != 0 {
                        ArgKind::Wide { signed: true }
                    } else {
                        ArgKind::Pointer
                    }
                })
            })
            .collect();
        if let Err(e) = abi::allocate(abi, &kinds) {
            failing.push((kinds, e));
        }
    }
    let Some((kinds, e)) = failing.first() else {
        return (generic, None);
    };
    let declared = "with the widths its argument types declare through `SyscallArg::KIND` (a type alias or newtype is placed by what it is, not by its name)";
    let premise = if failing.len() == 1 {
        format!("{declared}.")
    } else {
        let wide: Vec<String> = unknown
            .iter()
            .filter(|&&i| kinds[i].words(abi) == 2)
            .map(|&i| arg_text(&args[i]))
            .collect();
        let narrow: Vec<String> = unknown
            .iter()
            .filter(|&&i| kinds[i].words(abi) == 1)
            .map(|&i| arg_text(&args[i]))
            .collect();
        let mut widths = Vec::new();
        if !wide.is_empty() {
            widths.push(format!(
                "{} {} 64-bit",
                join_and(&wide),
                if wide.len() == 1 { "is" } else { "are" }
            ));
        }
        if !narrow.is_empty() {
            widths.push(format!(
                "{} {} one word",
                join_and(&narrow),
                if narrow.len() == 1 { "takes" } else { "take" }
            ));
        }
        format!("{declared}; for example, if {}:", join_and(&widths))
    };
    (
        format!(
            "system call `{name}` does not fit {abi} {premise} {explanation}",
            abi = abi.name,
            explanation = explain(abi, args, kinds, e),
        ),
        Some(e.arg as usize),
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
