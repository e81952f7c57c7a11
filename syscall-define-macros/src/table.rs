//! `syscall_table!`'s entry splitter: `#[cfg(..)] NR => SYSCALL, ...` into the bracketed list
//! the facade's `macro_rules!` emits the table from. A `macro_rules!` cannot split these itself
//! without recursing once per entry (an expression may begin with `#`, so `$(#[$m:meta])*
//! $nr:expr` is ambiguous), and a Linux-sized table (~460 entries) would pass the recursion
//! limit. Not part of the attribute's stages: a separate function-like macro.

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Expr, Token, Type};

/// `$crate [head] entries` → `$crate::syscall_table!(@parse [head] [] [([attrs] [nr] ty)...])`.
pub fn split(input: TokenStream) -> TokenStream {
    split_entries
        .parse2(input)
        .unwrap_or_else(|e| e.to_compile_error())
}

fn split_entries(input: ParseStream) -> syn::Result<TokenStream> {
    // `$crate` (an identifier to a proc macro) and the table's head, passed through untouched.
    let krate: TokenTree = input.parse()?;
    let head: TokenTree = input.parse()?;
    let mut entries = Vec::new();
    while !input.is_empty() {
        let attrs = input.call(Attribute::parse_outer)?;
        let nr: Expr = input.parse()?;
        input.parse::<Token![=>]>()?;
        let sys: Type = input.parse()?;
        entries.push(quote!(([#(#attrs)*] [#nr] #sys)));
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(quote!(#krate::syscall_table!(@parse #head [] [#(#entries)*]);))
}
