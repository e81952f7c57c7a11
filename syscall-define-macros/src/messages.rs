//! The diagnostics of the allocation stage: why a signature does not fit an ABI, in ABI terms,
//! where each argument went, and an order that fits; and of where a definition stands (`site`).
//! Prose only; `allocate` and `site` decide.

use syscall_define_abi::{self as abi, Abi, AllocError, AllocErrorKind, ArgKind, Placement};

use super::check::Arg;
use super::text::{join_and, type_text};

fn arg_text(arg: &Arg) -> String {
    format!("`{}: {}`", arg.name, type_text(&arg.ty))
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
///
/// `given` is the register order the attribute gave for `abi` (`abi(order = (...))`), if any: the
/// walk is then shown in that order, and the advice changes that order rather than repeating it.
pub fn explain(
    abi: &Abi,
    args: &[Arg],
    kinds: &[ArgKind],
    e: &AllocError,
    given: Option<&[u8]>,
) -> String {
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
    // A 64-bit value takes two words only on an ABI whose `long` is 32 bits; a `LoHi` takes two
    // everywhere, and is said so.
    let pairs: Vec<String> = args
        .iter()
        .zip(kinds)
        .filter(|(_, kind)| kind.words(abi) == 2 && **kind != ArgKind::LoHi)
        .map(|(arg, _)| arg_text(arg))
        .collect();
    let lohis: Vec<String> = args
        .iter()
        .zip(kinds)
        .filter(|(_, kind)| **kind == ArgKind::LoHi)
        .map(|(arg, _)| arg_text(arg))
        .collect();
    let mut why = String::new();
    if !lohis.is_empty() {
        why.push_str(&format!(
            "{} {} two words on every ABI (the low and the high word, as preadv's `pos_l, pos_h`); ",
            join_and(&lohis),
            if lohis.len() == 1 { "takes" } else { "take" }
        ));
    }
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
    let used: Vec<usize> = match given {
        Some(order) => order.iter().map(|&i| i as usize).collect(),
        None => (0..args.len()).collect(),
    };
    let fix = match e.reorder {
        Some(order) => {
            let order: Vec<usize> = order[..args.len()].iter().map(|&i| i as usize).collect();
            let names = order
                .iter()
                .map(|&i| args[i].name.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let walk = walk_text(abi, args, kinds, &order);
            let abi = abi.name;
            if given.is_some() {
                format!("Change {abi}'s order to ({names}): {walk}: `{abi}(order = ({names}))`")
            } else {
                format!(
                    "Reorder the arguments as ({names}): {walk}, as Linux does for `sync_file_range2` and `arm_fadvise64_64`; or keep this order for the body and the other ABIs and give {abi} its own: `#[syscall_define({abi}(order = ({names})))]`"
                )
            }
        }
        None => format!(
            "No order of these arguments fits: they need {} words in any order. Pass some of them in a struct behind a `UserPtr`, as i386's `old_mmap` does, or use narrower types",
            kinds.iter().map(|k| k.words(abi)).sum::<usize>(),
        ),
    };
    format!(
        "{culprit} does not fit on {abi}: {why}these arguments need {needed} argument words and {abi} has {available} ({slots}). {as_}: {walk}. {fix}",
        culprit = arg_text(culprit),
        as_ = if given.is_some() {
            format!("In the order given for {}", abi.name)
        } else {
            "As declared".to_string()
        },
        abi = abi.name,
        needed = e.words_needed,
        available = e.words_available,
        slots = abi.arg_slots.join(", "),
        walk = walk_text(abi, args, kinds, &used),
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
pub fn deferred_message(abi: &Abi, name: &str, args: &[Arg]) -> (String, Option<usize>) {
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
            explanation = explain(abi, args, kinds, e, None),
        ),
        Some(e.arg as usize),
    )
}

/// `#[syscall_define]` on a function directly in an `impl` block (`in_trait`: a trait).
pub fn misplaced(name: &str, in_trait: bool) -> String {
    let (container, outside, advice) = if in_trait {
        ("a `trait`", "the trait", "")
    } else {
        (
            "an `impl` block",
            "the `impl`",
            "; its body can call the type's functions",
        )
    };
    format!(
        "#[syscall_define] cannot go on a function in {container}: it defines a type and entry \
         stubs beside the function, and {outside} cannot hold them. Define `{name}` at module \
         level, outside {outside}{advice}"
    )
}

/// A second definition of one system call in a scope.
pub fn redefined(name: &str, compat: bool, first_line: usize) -> String {
    let (what, again) = if compat {
        ("compat system call", "`#[syscall_define(compat)]`")
    } else {
        ("system call", "`#[syscall_define]`")
    };
    let advice = if compat {
        "Remove one, or list every compat ABI in one definition's `abi(...)`".to_string()
    } else {
        format!(
            "Remove one, or list every ABI in one definition's `abi(...)`; a different body for \
             32-bit callers is a compat definition beside this one: \
             `#[syscall_define(compat)] fn {name}`"
        )
    };
    format!(
        "the {what} `{name}` is already defined in this scope, on line {first_line}: one \
         {again} gives the stubs of every ABI it names. {advice}"
    )
}
