//! The `#[syscall_define]` attribute. Use it through the `syscall-define` crate, which documents
//! it and provides the types the generated code names.
//!
//! The macro runs in four stages, each in its own module under `expand.rs`: `parse` (attribute options and the
//! function), `check` (what Linux and the ABIs allow, and what each argument type is),
//! `allocate` (the `abi` crate's allocator, per ABI, for early diagnostics on the right token),
//! and `emit`. Every stage reports all the errors it finds; on any error the original function
//! is emitted unchanged so the IDE keeps working. Before them, `site` reads where the function
//! stands in its source file (in an `impl`, or a second definition), which the item alone does
//! not show.

use proc_macro::TokenStream;

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
    let item = proc_macro2::TokenStream::from(item);
    let site = expand::function_name(&item).and_then(|name| {
        // Where the compiler read the name, if it read it from a file.
        let span = name.span().unwrap();
        Some(expand::site::Site {
            name: name.to_string(),
            file: span.local_file()?,
            line: span.line(),
            column: span.column(),
        })
    });
    expand::expand_at(attr.into(), item, site).into()
}
