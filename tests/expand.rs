//! Expansion goldens (DESIGN.md §8): what `#[syscall_define]` turns each input in `expand/`
//! into, rendered with `prettyplease` like `cargo expand` output, compared with the checked-in
//! `expand/NAME.expanded.rs`. `UPDATE_EXPAND=1 cargo test -p syscall-define-tests --test expand`
//! rewrites the goldens instead.
//!
//! The expander runs in-process: `syscall-define-macros/src/expand.rs` is a plain function of
//! token streams, included here by path. A golden is produced by the code under test, so each is
//! also compiled here as a module and called (decode, stub, descriptor), next to its input
//! compiled with the real macro: a golden that is not valid, warning-free code, or that behaves
//! differently from what the compiler's expansion does, fails this test.

use std::path::{Path, PathBuf};

use quote::ToTokens;
use syn::punctuated::Punctuated;
use syscall_define::abi::{self, ARM, IA32, X86_64};
use syscall_define::regs::{Arm, Ia32, X86_64 as X64, arm, i386, x86_64};
use syscall_define::{Errno, Syscall, UserPtr};

#[path = "../syscall-define-macros/src/expand.rs"]
mod expander;

/// The inputs, `expand/NAME.rs`; each has a golden `expand/NAME.expanded.rs`, compiled below.
const INPUTS: &[&str] = &[
    "no_args",
    "six_args",
    "pread64",
    "result",
    "loff_alias",
    "compat",
];

// Each golden as code, and its input compiled with the real proc macro. The goldens are
// prettyplease's layout, not rustfmt's: `#[rustfmt::skip]` (and their `@generated` line) keep
// `cargo fmt` away from them.
#[rustfmt::skip]
#[path = "expand/no_args.expanded.rs"]
mod no_args;
#[path = "expand/no_args.rs"]
mod no_args_input;
#[rustfmt::skip]
#[path = "expand/six_args.expanded.rs"]
mod six_args;
#[path = "expand/six_args.rs"]
mod six_args_input;
#[rustfmt::skip]
#[path = "expand/pread64.expanded.rs"]
mod pread64;
#[path = "expand/pread64.rs"]
mod pread64_input;
#[rustfmt::skip]
#[path = "expand/result.expanded.rs"]
mod result;
#[path = "expand/result.rs"]
mod result_input;
#[rustfmt::skip]
#[path = "expand/loff_alias.expanded.rs"]
mod loff_alias;
#[path = "expand/loff_alias.rs"]
mod loff_alias_input;
#[rustfmt::skip]
#[path = "expand/compat.expanded.rs"]
mod compat;
#[path = "expand/compat.rs"]
mod compat_input;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("expand")
}

fn is_syscall_define(attr: &syn::Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|s| s.ident == "syscall_define")
}

/// Removes the import of the `syscall_define` attribute from a `use` tree: once expanded, the
/// attribute is gone and its import would be unused. `false` if nothing is left to import.
fn drop_attribute_import(tree: &mut syn::UseTree, under_crate: bool) -> bool {
    match tree {
        syn::UseTree::Name(name) => !(under_crate && name.ident == "syscall_define"),
        syn::UseTree::Path(path) => {
            let under = path.ident == "syscall_define";
            drop_attribute_import(&mut path.tree, under)
        }
        syn::UseTree::Group(group) => {
            let items = std::mem::take(&mut group.items);
            group.items = items
                .into_iter()
                .filter_map(|mut item| {
                    drop_attribute_import(&mut item, under_crate).then_some(item)
                })
                .collect::<Punctuated<_, _>>();
            match group.items.len() {
                0 => false,
                1 => {
                    let only = group.items.pop().unwrap();
                    *tree = only;
                    true
                }
                _ => true,
            }
        }
        syn::UseTree::Rename(_) | syn::UseTree::Glob(_) => true,
    }
}

/// `source` with every `#[syscall_define(..)]` function replaced by the expander's output,
/// rendered with prettyplease.
fn expand_file(name: &str, source: &str) -> String {
    let file = syn::parse_file(source).unwrap_or_else(|e| panic!("{name}.rs: {e}"));
    let mut items = Vec::new();
    let mut expanded = 0;
    for item in file.items {
        match item {
            syn::Item::Fn(mut function) if function.attrs.iter().any(is_syscall_define) => {
                let at = function.attrs.iter().position(is_syscall_define).unwrap();
                let attr = function.attrs.remove(at);
                let args = match attr.meta {
                    syn::Meta::Path(_) => proc_macro2::TokenStream::new(),
                    syn::Meta::List(list) => list.tokens,
                    syn::Meta::NameValue(_) => panic!("{name}.rs: `#[syscall_define = ..]`"),
                };
                let out = expander::expand(args, function.into_token_stream());
                let text = out.to_string();
                assert!(
                    !text.contains("compile_error"),
                    "{name}.rs does not expand: {text}"
                );
                let out: syn::File = syn::parse2(out)
                    .unwrap_or_else(|e| panic!("{name}.rs: the expansion does not parse: {e}"));
                items.extend(out.items);
                expanded += 1;
            }
            syn::Item::Use(mut import) => {
                if drop_attribute_import(&mut import.tree, false) {
                    items.push(syn::Item::Use(import));
                }
            }
            other => items.push(other),
        }
    }
    assert!(expanded > 0, "{name}.rs has no #[syscall_define] function");
    let file = syn::File { items, ..file };
    format!(
        "// @generated by tests/expand.rs from expand/{name}.rs: the expansion of #[syscall_define],\n\
         // rendered by prettyplease. Regenerate with UPDATE_EXPAND=1; read the diff before committing.\n\
         {}",
        prettyplease::unparse(&file)
    )
}

#[test]
fn expansions_match_the_goldens() {
    // Every input in expand/ is listed (so it is compiled below), and every listed one exists.
    let mut on_disk: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|f| f.ends_with(".rs") && !f.ends_with(".expanded.rs"))
        .map(|f| f.trim_end_matches(".rs").to_string())
        .collect();
    on_disk.sort();
    let mut listed: Vec<&str> = INPUTS.to_vec();
    listed.sort();
    assert_eq!(on_disk, listed, "expand/*.rs and INPUTS differ");

    let update = std::env::var_os("UPDATE_EXPAND").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for name in INPUTS {
        let source = std::fs::read_to_string(dir().join(format!("{name}.rs"))).unwrap();
        let got = expand_file(name, &source);
        // Expanding is deterministic.
        assert_eq!(
            got,
            expand_file(name, &source),
            "{name}: two expansions differ"
        );
        let golden = dir().join(format!("{name}.expanded.rs"));
        if update {
            std::fs::write(&golden, &got).unwrap();
            println!("UPDATE_EXPAND=1: wrote {}", golden.display());
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        if got != want {
            let line = got.lines().zip(want.lines()).position(|(g, w)| g != w);
            let line = line.unwrap_or_else(|| got.lines().count().min(want.lines().count()));
            eprintln!(
                "==== {} differs from line {}:\n  golden:    {:?}\n  expansion: {:?}\n==== the whole expansion:\n{got}",
                golden.display(),
                line + 1,
                want.lines().nth(line).unwrap_or("<end of file>"),
                got.lines().nth(line).unwrap_or("<end of file>"),
            );
            stale.push(*name);
        }
    }
    assert!(
        stale.is_empty(),
        "expansions differ from their goldens: {stale:?}; if the change is intended, rerun with UPDATE_EXPAND=1 and review the diff"
    );
}

// The goldens as code: each behaves as its input compiled with the real macro.

#[test]
fn golden_no_args() {
    assert_eq!(
        *<no_args::getpid as Syscall>::DESCRIPTOR,
        *<no_args_input::getpid as Syscall>::DESCRIPTOR
    );
    assert_eq!(no_args::getpid::DESCRIPTOR.name, "getpid");
    assert!(no_args::getpid::DESCRIPTOR.args.is_empty());
    assert_eq!(<no_args::getpid as Syscall>::NAME, "getpid");
    let regs = x86_64::PtRegs::default();
    assert_eq!(no_args::getpid::decode::<X64, _>(&regs), Ok(()));
    // The default set: the host's ABIs only.
    let host_abis: Vec<&str> = no_args::getpid::DESCRIPTOR
        .abis()
        .map(|(abi, _)| abi.name)
        .collect();
    let arch = format!("target_arch = \"{}\"", std::env::consts::ARCH);
    let want: Vec<&str> = abi::ALL
        .iter()
        .filter(|abi| abi.default_cfg.contains(&arch))
        .map(|abi| abi.name)
        .collect();
    assert_eq!(host_abis, want);
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: the stubs only read the register file.
        assert_eq!(unsafe { no_args::__x64_sys_getpid(&regs) }, 4242);
        assert_eq!(unsafe { no_args::__ia32_sys_getpid(&regs) }, 4242);
        assert_eq!(unsafe { no_args_input::__x64_sys_getpid(&regs) }, 4242);
    }
}

#[test]
fn golden_six_args() {
    assert_eq!(
        *<six_args::splice as Syscall>::DESCRIPTOR,
        *<six_args_input::splice as Syscall>::DESCRIPTOR
    );
    assert_eq!(
        six_args::splice::DESCRIPTOR
            .abis()
            .map(|(abi, _)| abi.name)
            .collect::<Vec<_>>(),
        ["x86_64", "ia32", "aarch64", "arm", "riscv64"]
    );
    let regs = x86_64::PtRegs {
        di: 7,
        si: 0,
        dx: 8,
        r10: 0,
        r8: 0x1000,
        r9: 2,
        ..Default::default()
    };
    let want = (7, UserPtr::new(0), 8, UserPtr::new(0), 0x1000, 2);
    assert_eq!(six_args::splice::decode::<X64, _>(&regs), Ok(want));
    // SAFETY (all): the stubs only read the register files.
    assert_eq!(unsafe { six_args::__x64_sys_splice(&regs) }, 0x1000);
    assert_eq!(unsafe { six_args_input::__x64_sys_splice(&regs) }, 0x1000);
    let regs = arm::PtRegs {
        uregs: [
            0xffff_ffff,
            0,
            8,
            0,
            0x1000,
            2,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
        ],
    };
    assert_eq!(
        unsafe { six_args::__arm_sys_splice(&regs) },
        -9,
        "fd_in = -1"
    );
    let regs = i386::PtRegs {
        bx: 7,
        cx: 0x0804_a000,
        dx: 8,
        si: 0,
        di: 0x1000,
        bp: 2,
        ..Default::default()
    };
    assert_eq!(unsafe { six_args::__ia32_sys_splice(&regs) }, 0);
}

#[test]
fn golden_pread64() {
    assert_eq!(
        *<pread64::pread64 as Syscall>::DESCRIPTOR,
        *<pread64_input::pread64 as Syscall>::DESCRIPTOR
    );
    assert_eq!(
        pread64::pread64::DESCRIPTOR.layout(&X86_64),
        None,
        "not emitted for x86_64"
    );
    let ia32 = i386::PtRegs {
        bx: 3,
        cx: 0x0804_a000,
        dx: 0x100,
        si: 0x5566_7788,
        di: 0x1122_3344,
        ..Default::default()
    };
    let want = (3, UserPtr::new(0x0804_a000), 0x100, 0x1122_3344_5566_7788);
    assert_eq!(pread64::pread64::decode::<Ia32, _>(&ia32), Ok(want));
    let sum = 0x1122_3344_5566_7888;
    // SAFETY (all): the stubs only read the register files.
    assert_eq!(unsafe { pread64::__ia32_sys_pread64(&ia32) }, sum);
    assert_eq!(unsafe { pread64_input::__ia32_sys_pread64(&ia32) }, sum);
    // arm: r3 is padding, whatever it holds.
    let arm = arm::PtRegs {
        uregs: [
            3,
            0x0804_a000,
            0x100,
            0xdead_beef,
            0x5566_7788,
            0x1122_3344,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
        ],
    };
    assert_eq!(pread64::pread64::decode::<Arm, _>(&arm), Ok(want));
    assert_eq!(unsafe { pread64::__arm_sys_pread64(&arm) }, sum);
    let layout = pread64::pread64::DESCRIPTOR.layout(&ARM).unwrap();
    assert_eq!(ARM.slot_name(layout.arg(3)), ("r4", Some("r5")));
    assert!(layout.is_pad(3));
}

#[test]
fn golden_result() {
    assert_eq!(
        *<result::close as Syscall>::DESCRIPTOR,
        *<result_input::close as Syscall>::DESCRIPTOR
    );
    let ok = x86_64::PtRegs {
        di: 1,
        ..Default::default()
    };
    let bad = x86_64::PtRegs {
        di: 7,
        bx: 1,
        ..Default::default()
    };
    // SAFETY (all): the stubs only read the register files.
    assert_eq!(unsafe { result::__x64_sys_close(&ok) }, 0);
    assert_eq!(unsafe { result::__x64_sys_close(&bad) }, -9);
    assert_eq!(
        unsafe { result::__ia32_sys_close(&bad) },
        0,
        "ia32 reads bx"
    );
    assert_eq!(unsafe { result_input::__x64_sys_close(&bad) }, -9);
    assert_eq!(result::ksys_close(2), Ok(()));
    assert_eq!(result::ksys_close(3), Err(Errno::EBADF));
    assert_eq!(result_input::ksys_close(3), Err(Errno::EBADF));
}

#[test]
fn golden_loff_alias() {
    assert_eq!(
        *<loff_alias::ftruncate64 as Syscall>::DESCRIPTOR,
        *<loff_alias_input::ftruncate64 as Syscall>::DESCRIPTOR
    );
    assert_eq!(loff_alias::ftruncate64::DESCRIPTOR.args[1].ty, "loff_t");
    // The alias is placed as what it is, an i64: a pair on ia32 and (even-aligned) on arm.
    let ia32 = loff_alias::ftruncate64::DESCRIPTOR.layout(&IA32).unwrap();
    assert_eq!(IA32.slot_name(ia32.arg(1)), ("cx", Some("dx")));
    let arm = loff_alias::ftruncate64::DESCRIPTOR.layout(&ARM).unwrap();
    assert_eq!(ARM.slot_name(arm.arg(1)), ("r2", Some("r3")));
    assert!(arm.is_pad(1));

    let regs = i386::PtRegs {
        bx: 3,
        cx: 0x8000_0000,
        dx: 1,
        ..Default::default()
    };
    // SAFETY (all): the stubs only read the register files.
    assert_eq!(
        unsafe { loff_alias::__ia32_sys_ftruncate64(&regs) },
        0x1_8000_0000
    );
    let regs = arm::PtRegs {
        uregs: [
            3,
            0x1234,
            0xffff_fffe,
            0xffff_ffff,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
        ],
    };
    assert_eq!(
        loff_alias::ftruncate64::decode::<Arm, _>(&regs),
        Ok((3, -2))
    );
    assert_eq!(unsafe { loff_alias::__arm_sys_ftruncate64(&regs) }, -22);
    assert_eq!(
        unsafe { loff_alias_input::__arm_sys_ftruncate64(&regs) },
        -22
    );
    let regs = x86_64::PtRegs {
        di: 4,
        si: 5,
        ..Default::default()
    };
    assert_eq!(unsafe { loff_alias::__x64_sys_ftruncate64(&regs) }, -9);
}

#[test]
fn golden_compat() {
    assert_eq!(
        *<compat::compat_ioctl as Syscall>::DESCRIPTOR,
        *<compat_input::compat_ioctl as Syscall>::DESCRIPTOR
    );
    assert_eq!(<compat::compat_ioctl as Syscall>::NAME, "ioctl");
    let regs = x86_64::PtRegs {
        bx: 3,
        cx: 5,
        dx: 0xffff_ffff_0000_0009,
        ..Default::default()
    };
    // SAFETY (all): the stubs only read the register files.
    unsafe {
        // The compat body sees the low 32 bits of `arg`; the native one, on ia32, too.
        assert_eq!(compat::__ia32_compat_sys_ioctl(&regs), 3 ^ 5 ^ 9);
        assert_eq!(compat_input::__ia32_compat_sys_ioctl(&regs), 3 ^ 5 ^ 9);
        assert_eq!(compat::__ia32_sys_ioctl(&regs), 3 ^ 5 ^ 9);
        let arm = arm::PtRegs {
            uregs: [1, 2, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        };
        assert_eq!(compat::__arm64_compat_sys_ioctl(&arm), 7);
    }
}
