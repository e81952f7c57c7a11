//! The `#[syscall_define]` attribute. Use it through the `syscall-define` crate, which documents
//! it and provides the types the generated code names.
//!
//! The macro runs in four stages, each in its own module under `expand.rs`: `parse` (attribute options and the
//! function), `check` (what Linux and the ABIs allow, and what each argument type is),
//! `allocate` (the `abi` crate's allocator, per ABI, for early diagnostics on the right token),
//! and `emit`. Every stage reports all the errors it finds; on any error the original function
//! is emitted unchanged so the IDE keeps working.

use proc_macro::{TokenStream, TokenTree};

// Included by path so that the test suite can include the same file and expand in-process (a
// proc-macro crate cannot export a library); a path-included file's modules resolve beside it.
#[path = "expand.rs"]
mod expand;

mod derive;
mod table;

/// `syscall_table!`'s entry splitter: see `syscall_define::syscall_table`.
#[doc(hidden)]
#[proc_macro]
pub fn __split_table_entries(input: TokenStream) -> TokenStream {
    table::split(input.into()).into()
}

/// `#[derive(SyscallArg)]`: see `syscall_define::SyscallArg`.
#[proc_macro_derive(SyscallArg, attributes(syscall_arg))]
pub fn derive_syscall_arg(item: TokenStream) -> TokenStream {
    derive::derive(item.into()).into()
}

// The full guide: what an IDE shows on hover. Its examples need the facade, so they run as the
// facade's doctests (`syscall-define/src/lib.rs` includes this file under `cfg(doctest)`).
#[doc = include_str!("guide.md")]
#[proc_macro_attribute]
pub fn syscall_define(attr: TokenStream, item: TokenStream) -> TokenStream {
    let site = site_of(&item);
    expand::expand_at(attr.into(), item.into(), site).into()
}

/// Where the compiler read the function's name (after `fn`), if it was read from a file.
fn site_of(item: &TokenStream) -> Option<expand::site::Site> {
    let mut tokens = item.clone().into_iter();
    while let Some(token) = tokens.next() {
        if let TokenTree::Ident(word) = &token
            && word.to_string() == "fn"
        {
            let Some(TokenTree::Ident(name)) = tokens.next() else {
                return None;
            };
            let span = name.span();
            return Some(expand::site::Site {
                name: name.to_string(),
                file: span.local_file()?,
                line: span.line(),
                column: span.column(),
            });
        }
    }
    None
}
