//! The register allocator (`syscall_define::abi::allocate`) against the layouts observed in the
//! real register captures of every fixture (`fixtures/`, see `fixtures/README.md`): each ABI of
//! the table with `captures`, 17 files; no macro involved.
//!
//! For every case: the `ArgKind`s of the kernel's declaration are allocated on the fixture's ABI;
//! the words at the layout's slots, read from the captured `arg_registers` and decoded with
//! `abi::decode_value`, must equal what the C program passed (through the rules of
//! `syscall_define_tests::expected_kernel_args`); every slot the layout marks as padding must have
//! held 0 (glibc passes 0); and every argument's slots must be the registers the capture tool
//! attributes to it (`analysis.decoded[].regs`), in the same half order, with the same padding.

use std::panic::{AssertUnwindSafe, catch_unwind};

use syscall_define::abi::{
    self, Abi, ArgKind, Layout, PPC32, Placement, allocate, allocate_in_order, decode_value,
};
use syscall_define_tests::{
    Case, Fixture, capture_register, declaration, expected_kernel_args, hex,
};

/// Every fixture and the ABI it was captured on, from the table (`Abi::captures`).
fn fixtures() -> Vec<(&'static str, &'static Abi)> {
    abi::ALL
        .iter()
        .flat_map(|abi| abi.captures.iter().map(move |name| (*name, *abi)))
        .collect()
}

/// The `ArgKind` of a C type as the kernel declares it.
fn kind_of(ctype: &str) -> ArgKind {
    if ctype.contains('*') {
        return ArgKind::Pointer;
    }
    match ctype {
        "unsigned int" | "u32" | "__u32" | "uid_t" | "gid_t" => ArgKind::Int {
            bits: 32,
            signed: false,
        },
        "int" | "rwf_t" => ArgKind::Int {
            bits: 32,
            signed: true,
        },
        "umode_t" => ArgKind::Int {
            bits: 16,
            signed: false,
        },
        // A 64-bit kernel's compat types are 32 bits (on a 32-bit ABI the same as `long`).
        "compat_ulong_t" | "compat_size_t" => ArgKind::Int {
            bits: 32,
            signed: false,
        },
        "unsigned long" | "size_t" => ArgKind::Long { signed: false },
        "long" | "off_t" => ArgKind::Long { signed: true },
        "loff_t" => ArgKind::Wide { signed: true },
        "u64" | "__u64" => ArgKind::Wide { signed: false },
        other => panic!("no ArgKind for C type `{other}`"),
    }
}

/// The value `value` has once converted to a C type of kind `kind` (on an ABI with
/// `word_bits`-bit `long`s and pointers), widened back to 64 bits with that type's signedness.
/// Written independently of `abi::decode_value`, which it checks.
fn c_convert(kind: ArgKind, value: u64, word_bits: u32) -> u64 {
    let (bits, signed) = match kind {
        ArgKind::Int { bits, signed } => (u32::from(bits), signed),
        ArgKind::Long { signed } => (word_bits, signed),
        ArgKind::Pointer => (word_bits, false),
        ArgKind::Wide { .. } | ArgKind::LoHi => (64, false),
    };
    if bits == 64 {
        value
    } else if signed {
        (((value << (64 - bits)) as i64) >> (64 - bits)) as u64
    } else {
        value & ((1u64 << bits) - 1)
    }
}

/// The capture's register name for each of `abi`'s slots (`arg_registers[slot].reg`).
fn capture_slot_names(case: &Case) -> Vec<&str> {
    case.syscall
        .arg_registers
        .iter()
        .map(|(reg, _)| reg.as_str())
        .collect()
}

fn placement_slots(place: Placement) -> Vec<usize> {
    match place {
        Placement::One(slot) => vec![slot as usize],
        Placement::Pair { lo, hi } | Placement::LoHi { lo, hi } => {
            let (a, b) = (lo.min(hi) as usize, lo.max(hi) as usize);
            vec![a, b]
        }
    }
}

fn check_case(fixture: &Fixture, abi: &Abi, case: &Case) {
    let word_bits = abi.word_bits;
    let (decl, order) = declaration(fixture, case);
    let kinds: Vec<ArgKind> = decl.iter().map(|(_, ty)| kind_of(ty)).collect();
    let layout: Layout = match &order {
        None => allocate(abi, &kinds),
        Some(order) => allocate_in_order(abi, &kinds, order),
    }
    .unwrap_or_else(|e| panic!("{} does not fit {}: {e:?}", case.syscall.name, abi.name));
    let words = case.arg_words();
    let slot_names = capture_slot_names(case);
    let oracle = expected_kernel_args(fixture, case);
    let analysis = &case.sc["analysis"];
    let decoded = analysis["decoded"].as_array().unwrap();

    // The oracle speaks of exactly the declared arguments.
    let mut declared: Vec<&str> = decl.iter().map(|(n, _)| n.as_str()).collect();
    let mut known: Vec<&str> = oracle.iter().map(|(n, _)| *n).collect();
    declared.sort_unstable();
    known.sort_unstable();
    assert_eq!(
        declared, known,
        "the oracle's arguments vs the declaration's"
    );
    assert_eq!(
        decoded.len(),
        decl.len(),
        "the capture decodes another number of arguments"
    );

    for (i, ((name, ctype), kind)) in decl.iter().zip(&kinds).enumerate() {
        let place = layout.arg(i);

        // The value: the words at the layout's slots, decoded, vs what the C program passed.
        let got = decode_value(*kind, layout.raw(i, &words), abi);
        let passed = oracle.iter().find(|(n, _)| n == name).unwrap().1;
        let want = c_convert(*kind, passed, word_bits);
        assert_eq!(
            got,
            want,
            "`{ctype} {name}` at {:?}: decoded {got:#x}, passed_args imply {want:#x}",
            abi.slot_name(place)
        );

        // The capture tool's view of the same argument.
        let captured = decoded
            .iter()
            .find(|d| d["name"] == name.as_str())
            .unwrap_or_else(|| panic!("the capture does not decode `{name}`"));
        let want_regs: Vec<&str> = captured["regs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        let got_regs: Vec<&str> = placement_slots(place)
            .into_iter()
            .map(|slot| slot_names[slot])
            .collect();
        assert_eq!(
            got_regs, want_regs,
            "`{name}`: slots vs the capture's registers"
        );
        if let Placement::Pair { lo, hi } = place {
            let order = if lo < hi {
                "low word first"
            } else {
                "high word first"
            };
            assert_eq!(captured["pair_order"], order, "`{name}`: half order");
        }
        // Cross-check (not the oracle): the capture tool's own expectation for this argument,
        // printed at the width of its type. For an `explained_difference` (openat64's
        // O_LARGEFILE) its expectation is the passed value without the explained change, and
        // its decoded value is the explained one.
        if let Some(check) = analysis["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["arg"] == name.as_str())
        {
            let width_mask = |v: u64| match kind {
                ArgKind::Int { bits, .. } => v & ((1u64 << bits) - 1),
                ArgKind::Long { .. } | ArgKind::Pointer if word_bits < 64 => v & 0xffff_ffff,
                _ => v,
            };
            match check["status"].as_str().unwrap() {
                "match" => assert_eq!(
                    hex(&check["expected"]),
                    width_mask(want),
                    "`{name}`: checks[]"
                ),
                "explained_difference" => {
                    assert_eq!(
                        hex(&check["decoded"]),
                        width_mask(want),
                        "`{name}`: checks[]"
                    );
                    assert_ne!(hex(&check["expected"]), width_mask(want));
                }
                // `_llseek`'s `result`, socketcall's `args` and old_mmap's `arg`: pointers glibc
                // chose; the oracle checks them another way.
                "not_checked" => assert!(
                    ["result", "args", "arg"].contains(&name.as_str()),
                    "`{name}`"
                ),
                other => panic!("`{name}`: unknown check status {other}"),
            }
        }
    }

    // Padding: the slots the layout skips are the capture's padding registers, and held 0.
    let pads: Vec<usize> = (0..abi::MAX_SLOTS).filter(|&s| layout.is_pad(s)).collect();
    for &slot in &pads {
        assert!(
            slot < abi.max_words(),
            "padding slot {slot} past the ABI's slots"
        );
        assert!(!layout.uses(slot), "padding slot {slot} is also used");
        assert_eq!(
            words[slot], 0,
            "padding slot {slot} ({}) held {:#x}; glibc passes 0",
            slot_names[slot], words[slot]
        );
    }
    let layout_pads: Vec<&str> = pads.iter().map(|&s| slot_names[s]).collect();
    let capture_pads: Vec<&str> = decoded
        .iter()
        .filter_map(|d| d["padding_reg_skipped"].as_str())
        .collect();
    assert_eq!(layout_pads, capture_pads, "padding slots vs the capture's");
    for d in decoded.iter().filter(|d| d.get("padding_value").is_some()) {
        assert_eq!(hex(&d["padding_value"]), 0);
    }
}

/// Cases that cannot be checked, with the reason: `(fixture, case id, reason)`. Empty.
const NOT_CHECKED: &[(&str, u64, &str)] = &[];

#[test]
fn every_case_of_every_fixture_matches_the_allocator() {
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for (name, abi) in fixtures() {
        let fixture = Fixture::load(name);
        assert_eq!(fixture.abi, name);
        assert_eq!(
            fixture.kernel_word_bits(),
            abi.word_bits,
            "{name}: word size"
        );
        let mut checked = 0;
        for case in &fixture.cases {
            if NOT_CHECKED
                .iter()
                .any(|(f, id, _)| *f == name && *id == case.id)
            {
                continue;
            }
            match catch_unwind(AssertUnwindSafe(|| check_case(&fixture, abi, case))) {
                Ok(()) => checked += 1,
                Err(panic) => {
                    let message = syscall_define_tests::panic_message(&*panic);
                    failures.push(format!(
                        "{name} case {} ({}, {}): {message}",
                        case.id, case.label, case.syscall.name
                    ));
                }
            }
        }
        report.push((name, checked, fixture.cases.len()));
    }
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
    for (name, checked, total) in report {
        assert_eq!(checked, total, "{name}: every case must be checked");
        assert_eq!(total, 33, "{name}: number of cases");
    }
}

/// The capture's argument registers are the ABI's slots, in order: the two views of a slot
/// (`Abi::arg_slots` and the capture's `arg_register_order`) name the same register.
#[test]
fn abi_slots_are_the_captures_argument_registers() {
    for (name, abi) in fixtures() {
        let fixture = Fixture::load(name);
        let captured = capture_slot_names(&fixture.cases[0]);
        for (slot, model) in abi.arg_slots.iter().enumerate() {
            assert_eq!(
                captured[slot],
                capture_register(abi.name, model),
                "{name} slot {slot}"
            );
            assert_eq!(
                abi.is_stack_slot(slot),
                model.starts_with("sp+"),
                "{name} slot {slot}"
            );
        }
        // mips o32's last four slots are the stack words the kernel reads as args 5..8.
        if let Some(stack) = abi.stack_args {
            let first = stack.first_slot as usize;
            for (i, reg) in captured[first..].iter().enumerate() {
                assert_eq!(
                    *reg,
                    format!("sp+{}", stack.sp_offset as usize + 4 * i),
                    "{name}"
                );
            }
        }
    }
}

/// ppc32 `fadvise64_64` in the generic order (fd, offset, len, advice) needs 7 words (r4 would be
/// padding); the allocator refuses it and suggests the order of the kernel's entry point,
/// `sys_ppc_fadvise64_64(fd, advice, offset…, len…)`, which the capture confirms (case 29).
#[test]
fn ppc32_fadvise64_64_suggested_order_is_the_kernels() {
    let fixture = Fixture::load("ppc32");
    let case = fixture.case(29);
    let kernel = &case.sc["kernel"];
    let generic: Vec<(&str, &str)> = kernel["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["name"].as_str().unwrap(), a["type"].as_str().unwrap()))
        .collect();
    let kinds: Vec<ArgKind> = generic.iter().map(|(_, ty)| kind_of(ty)).collect();
    let err = allocate(&PPC32, &kinds).unwrap_err();
    assert_eq!((err.words_needed, err.words_available), (7, 6));
    let order = err.reorder.expect("an order that fits");
    let suggested: Vec<&str> = order[..generic.len()]
        .iter()
        .map(|&i| generic[i as usize].0)
        .collect();
    let entry: Vec<&str> = kernel["entry_point"]["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    // The entry spells each 64-bit value as two u32 halves: `offset_high, offset_low`.
    assert_eq!(suggested, ["fd", "advice", "offset", "len"]);
    assert_eq!(&entry[..3], ["fd", "advice", "offset_high"]);
    assert_eq!(&entry[4..5], ["len_high"]);
}

/// `preadv`/`pwritev`/`preadv2` pass the offset as two `unsigned long`s, low word first, on every
/// ABI, unaligned and whatever the byte order (Linux's `pos_l, pos_h`; glibc's `LO_HI_LONG`).
/// One `LoHi` argument must take exactly those two words on all five captured ABIs.
#[test]
fn lo_hi_offsets_match_every_captured_preadv() {
    let long = ArgKind::Long { signed: false };
    let mut checked = 0;
    for name in ["x86_64", "i386", "arm-eabi", "mips-o32", "ppc32"] {
        let fixture = Fixture::load(name);
        let abi = Abi::by_name(abi_name(&fixture.abi)).expect("modelled ABI");
        for id in [23, 24, 25] {
            let case = fixture.case(id);
            let mut kinds = vec![long, ArgKind::Pointer, long, ArgKind::LoHi];
            if case.syscall.name == "preadv2" {
                kinds.push(ArgKind::Int {
                    bits: 32,
                    signed: true,
                });
            }
            let layout = abi::allocate(abi, &kinds).unwrap();
            let words = case.arg_words();
            let ctx = format!("{name} case {id} ({})", case.label);
            // The offset the C program passed, as one 64-bit value.
            assert_eq!(
                layout.raw(3, &words),
                case.passed("offset").value(),
                "{ctx}"
            );
            // In the registers the capture tool attributes to pos_l and pos_h.
            let regs = capture_regs_of(case, &["pos_l", "pos_h"]);
            let (lo, hi) = abi.slot_name(layout.arg(3));
            let slot_index = |slot: &str| abi.arg_slots.iter().position(|s| *s == slot).unwrap();
            let capture_index = |reg: &str| {
                case.syscall
                    .arg_registers
                    .iter()
                    .position(|(r, _)| r == reg)
                    .unwrap()
            };
            assert_eq!(slot_index(lo), capture_index(&regs[0]), "{ctx}: pos_l");
            assert_eq!(
                slot_index(hi.unwrap()),
                capture_index(&regs[1]),
                "{ctx}: pos_h"
            );
            assert_eq!(layout.pad_mask(), 0, "{ctx}: never padded");
            checked += 1;
        }
    }
    assert_eq!(checked, 15);
}

fn abi_name(fixture_abi: &str) -> &'static str {
    match fixture_abi {
        "x86_64" => "x86_64",
        "i386" => "ia32",
        "arm-eabi" => "arm",
        "mips-o32" => "mips_o32",
        "ppc32" => "ppc32",
        other => panic!("unknown fixture ABI {other}"),
    }
}

/// The capture tool's register for each named kernel argument.
fn capture_regs_of(case: &Case, names: &[&str]) -> Vec<String> {
    let decoded = case.sc["analysis"]["decoded"].as_array().unwrap();
    names
        .iter()
        .map(|name| {
            let entry = decoded.iter().find(|d| d["name"] == *name).unwrap();
            entry["regs"][0].as_str().unwrap().to_string()
        })
        .collect()
}

mod typed {
    //! The same through generated stubs, on the three ABIs with register files.
    use syscall_define::regs::{Arm, Ia32, X86_64};
    use syscall_define::{Errno, LoHi, Syscall, UserPtr, syscall_define};
    use syscall_define_tests::Fixture;

    #[syscall_define(abi(x86_64, ia32, arm))]
    fn preadv(fd: usize, vec: UserPtr<u8>, vlen: usize, pos: LoHi) -> Result<usize, Errno> {
        let _ = (fd, vec, vlen);
        Ok(pos.0 as usize)
    }

    #[test]
    fn preadv_pos_as_lo_hi_decodes_the_passed_offset() {
        for id in [23, 24] {
            let x = Fixture::load("x86_64");
            let case = x.case(id);
            let want = LoHi(case.passed("offset").value());
            assert_eq!(
                preadv::decode::<X86_64, _>(&case.x86_64_regs()).unwrap().3,
                want
            );
            let i = Fixture::load("i386");
            let case = i.case(id);
            let want = LoHi(case.passed("offset").value());
            assert_eq!(
                preadv::decode::<Ia32, _>(&case.i386_regs()).unwrap().3,
                want
            );
            assert_eq!(
                preadv::decode::<Ia32, _>(&case.ia32_on_x86_64_regs(0xdead_beef))
                    .unwrap()
                    .3,
                want
            );
            let a = Fixture::load("arm-eabi");
            let case = a.case(id);
            let want = LoHi(case.passed("offset").value());
            assert_eq!(preadv::decode::<Arm, _>(&case.arm_regs()).unwrap().3, want);
            // SAFETY: a test standing in for the entry path.
            let ret = unsafe { __arm_sys_preadv(&case.arm_on_arm64_regs(0x5a5a_5a5a)) };
            // The stub returns the body's value; narrowing it to a 32-bit return register is the
            // compat exit path's job (Linux's `lower_32_bits`).
            assert_eq!(ret, want.0 as isize);
        }
    }
}
