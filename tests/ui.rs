//! Compile-fail (and compile-pass) tests of `#[syscall_define]`'s diagnostics, with trybuild.
//!
//! `ui/*.rs` are misuses: each must fail with exactly the error in its `.stderr`, one error on the
//! offending token (`ui/x86_64_host/*.rs` too, on x86-64 hosts only: they use the default ABI
//! set). `ui/pass/*.rs` must build and run.
//!
//! The `.stderr` files are the compiler's output, which changes between compiler versions (wording,
//! spans, notes). They were blessed with [`PINNED_RUSTC`]; with any other compiler this test stops
//! with instructions instead of reporting dozens of spurious differences.
#![allow(missing_docs)]

use std::process::Command;

/// The compiler the `.stderr` files were blessed with (`rustc --version`, version number only).
const PINNED_RUSTC: &str = "1.95.0";

/// The version number of the compiler cargo uses (`$RUSTC`, or `rustc`): `1.95.0` from
/// `rustc 1.95.0 (59807616e 2026-04-14)`, `1.97.0-nightly` from a nightly.
fn rustc_version() -> Result<String, String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(&rustc)
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run `{} --version`: {e}", rustc.to_string_lossy()))?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.split_whitespace()
        .nth(1)
        .map(str::to_owned)
        .ok_or_else(|| format!("unexpected `rustc --version` output: {text:?}"))
}

#[test]
fn ui() {
    let version = rustc_version().unwrap_or_else(|e| panic!("{e}"));
    let reblessing = std::env::var_os("TRYBUILD").is_some_and(|v| v == "overwrite");
    if reblessing && version != PINNED_RUSTC {
        eprintln!(
            "TRYBUILD=overwrite: blessing the `.stderr` files with rustc {version} (pinned: \
             {PINNED_RUSTC}); review the diff, then set `PINNED_RUSTC` in tests/ui.rs to \
             \"{version}\""
        );
    }
    assert!(
        version == PINNED_RUSTC || reblessing,
        "\n\nThe compile-fail tests' `.stderr` files (under tests/ui/) were blessed with rustc \
         {PINNED_RUSTC}, and this is rustc {version}: compiler messages change between versions, \
         so they cannot be compared.\n\
         To re-bless them with this compiler:\n\
         \n    TRYBUILD=overwrite cargo test -p syscall-define-tests --test ui\n\n\
         then review the diff of the `.stderr` files (every message must still be one clear error \
         on the offending token), and set `PINNED_RUSTC` in tests/ui.rs to \"{version}\".\n"
    );

    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
    // By topic: argument kinds checked against their types, `ptregs` register files.
    t.compile_fail("ui/kind/*.rs");
    t.compile_fail("ui/ptregs/*.rs");
    t.compile_fail("ui/compat/*.rs");
    t.compile_fail("ui/table/*.rs");
    t.compile_fail("ui/derive/*.rs");
    t.compile_fail("ui/export/*.rs");
    // Where a definition stands: in an impl or trait, a second one in a scope.
    t.compile_fail("ui/placement/*.rs");
    // Misuses that only fail where the default ABI set includes ia32.
    if cfg!(target_arch = "x86_64") {
        t.compile_fail("ui/x86_64_host/*.rs");
    }
    t.pass("ui/pass/*.rs");
}

// The expander, in-process (as in tests/expand.rs), to check that it never panics.
#[path = "../syscall-define-macros/src/expand.rs"]
mod expander;

use proc_macro2::{Group, TokenStream, TokenTree};
use quote::ToTokens;

fn is_syscall_define(attr: &syn::Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|s| s.ident == "syscall_define")
}

/// Every `(attribute arguments, item)` written with `#[syscall_define]` in `source`, at any
/// depth (a method in an `impl`, a struct).
fn annotated_items(source: &str) -> Vec<(TokenStream, TokenStream)> {
    let mut found = Vec::new();
    let Ok(file) = syn::parse_file(source) else {
        return found;
    };
    let mut stack: Vec<TokenStream> = file.items.iter().map(|i| i.to_token_stream()).collect();
    while let Some(tokens) = stack.pop() {
        if let Ok(mut item) = syn::parse2::<syn::Item>(tokens.clone()) {
            let attrs = match &mut item {
                syn::Item::Fn(f) => Some(&mut f.attrs),
                syn::Item::Struct(s) => Some(&mut s.attrs),
                syn::Item::Impl(i) => {
                    for inner in &i.items {
                        if let syn::ImplItem::Fn(f) = inner {
                            stack.push(f.to_token_stream());
                        }
                    }
                    None
                }
                _ => None,
            };
            if let Some(attrs) = attrs
                && let Some(at) = attrs.iter().position(is_syscall_define)
            {
                let attr = attrs.remove(at);
                let args = match attr.meta {
                    syn::Meta::List(list) => list.tokens,
                    _ => TokenStream::new(),
                };
                found.push((args, item.to_token_stream()));
            }
        }
    }
    found
}

/// `tokens` with its top-level token `skip` removed.
fn without(tokens: &[TokenTree], skip: usize) -> TokenStream {
    tokens
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != skip)
        .map(|(_, t)| t.clone())
        .collect()
}

/// Variants of a token stream: every prefix, every one-token deletion, and every group emptied
/// or with one of its own tokens deleted.
fn mutations(stream: &TokenStream) -> Vec<TokenStream> {
    let tokens: Vec<TokenTree> = stream.clone().into_iter().collect();
    let mut out = Vec::new();
    for n in 0..=tokens.len() {
        out.push(tokens[..n].iter().cloned().collect());
    }
    for skip in 0..tokens.len() {
        out.push(without(&tokens, skip));
        if let TokenTree::Group(g) = &tokens[skip] {
            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
            let mut variants = vec![TokenStream::new()];
            variants.extend((0..inner.len()).map(|i| without(&inner, i)));
            for inner in variants {
                let mut changed = tokens.clone();
                changed[skip] = TokenTree::Group(Group::new(g.delimiter(), inner));
                out.push(changed.into_iter().collect());
            }
        }
    }
    out
}

/// The macro never panics, whatever tokens it gets: every misuse in `ui/`, and every mangled
/// version of its attribute and item, expands to code (and `compile_error!`s), not a panic.
#[test]
fn the_macro_never_panics() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .flat_map(|p| {
            if p.is_dir() {
                std::fs::read_dir(&p)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .collect()
            } else {
                vec![p]
            }
        })
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let mut expansions = 0;
    for path in &files {
        let source = std::fs::read_to_string(path).unwrap();
        for (attr, item) in annotated_items(&source) {
            let mut cases: Vec<(TokenStream, TokenStream)> = vec![(attr.clone(), item.clone())];
            cases.extend(mutations(&attr).into_iter().map(|a| (a, item.clone())));
            cases.extend(mutations(&item).into_iter().map(|i| (attr.clone(), i)));
            for (attr, item) in cases {
                let result = std::panic::catch_unwind(|| {
                    expander::expand(attr.clone(), item.clone()).to_string()
                });
                assert!(
                    result.is_ok(),
                    "{}: the macro panicked on #[syscall_define({attr})] {item}",
                    path.display()
                );
                expansions += 1;
            }
        }
    }
    assert!(expansions > 1000, "only {expansions} expansions tried");
}
