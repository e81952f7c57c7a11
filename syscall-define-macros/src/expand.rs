//! The expansion of `#[syscall_define]`, independent of the compiler's `proc_macro` API.

use proc_macro2::{Span, TokenStream, TokenTree};

mod allocate;
mod check;
mod emit;
// Shared with the derive (`crate::derive`).
pub(crate) mod errors;
mod fallback;
mod messages;
mod parse;
pub mod site;
mod text;

/// Expands `#[syscall_define(attr)] item`. Never panics: every problem becomes a compile error,
/// emitted after the original item.
#[allow(
    dead_code,
    reason = "the in-process expander of tests/ and benches/ calls it"
)]
pub fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand_at(attr, item, None)
}

/// [`expand`], knowing where the function's name stands in its source file (if the compiler
/// said): there the two mistakes that the item alone does not show become one error each.
pub fn expand_at(attr: TokenStream, item: TokenStream, site: Option<site::Site>) -> TokenStream {
    let compat = parse::mentions(&attr, "compat");
    // A method's `self` is its own error, on `self`, with its own advice.
    let method = |item: &TokenStream| {
        syn::parse2::<syn::ItemFn>(item.clone()).is_ok_and(|f| f.sig.receiver().is_some())
    };
    match site.map_or(site::Placement::Unremarkable, |s| s.placement(compat)) {
        site::Placement::Unremarkable => expand_here(attr, item),
        site::Placement::InImpl | site::Placement::InTrait if method(&item) => {
            expand_here(attr, item)
        }
        // Kept as written, so the impl or trait still has it; the attribute is the mistake.
        placement @ (site::Placement::InImpl | site::Placement::InTrait) => {
            let name = function_name(&item)
                .map(|n| n.to_string())
                .unwrap_or_default();
            let message = messages::misplaced(&name, placement == site::Placement::InTrait);
            let mut out = item;
            out.extend(syn::Error::new(Span::call_site(), message).to_compile_error());
            out
        }
        // The whole expansion, in a scope of its own: nothing clashes with the first
        // definition's names, and the body is still checked.
        site::Placement::Redefined { first_line } => {
            let name = function_name(&item);
            let span = name.as_ref().map_or_else(Span::call_site, |n| n.span());
            let name = name.map(|n| n.to_string()).unwrap_or_default();
            let message = messages::redefined(&name, compat, first_line);
            // Not exported: its symbols and their crate-wide guards would clash with the first's.
            let expansion = expand_here(parse::without(&attr, "export"), item);
            let error = syn::Error::new(span, message).to_compile_error();
            quote::quote! {
                #error
                const _: () = { #expansion };
            }
        }
    }
}

/// The name after `fn` in an item's tokens.
pub fn function_name(item: &TokenStream) -> Option<proc_macro2::Ident> {
    let mut tokens = item.clone().into_iter();
    while let Some(token) = tokens.next() {
        if let TokenTree::Ident(word) = &token
            && word == "fn"
        {
            return match tokens.next() {
                Some(TokenTree::Ident(name)) => Some(name),
                _ => None,
            };
        }
    }
    None
}

fn expand_here(attr: TokenStream, item: TokenStream) -> TokenStream {
    let function: syn::ItemFn = match syn::parse2(item.clone()) {
        Ok(function) => function,
        Err(e) => {
            let mut out = item;
            let message = syn::Error::new(
                e.span(),
                "#[syscall_define] goes on a function: `fn name(args) -> ret { body }`",
            );
            out.extend(message.to_compile_error());
            return out;
        }
    };
    let mut errors = errors::Errors::default();
    let ptregs = parse::mentions(&attr, "ptregs");
    let options = parse::Options::parse(attr, &mut errors);
    // What the fallback needs, kept before the plan consumes the options.
    let named: Option<Vec<_>> = options.as_ref().and_then(|o| o.abis.clone());
    let compat = options.as_ref().is_some_and(|o| o.compat);
    let krate: syn::Path = options
        .as_ref()
        .map_or_else(|| syn::parse_quote!(::syscall_define), |o| o.krate.clone());
    let definition = check::check(&function, ptregs, &mut errors);
    let plan = match (options, definition) {
        (Some(options), Some(definition)) if errors.is_empty() => {
            Some(allocate::plan(options, definition, &mut errors))
        }
        _ => None,
    };
    match plan {
        Some(plan) if errors.is_empty() => emit::emit(&plan),
        _ => {
            let mut out = fallback::fallback(&function, named.as_deref(), compat, &krate);
            out.extend(errors.into_compile_errors());
            out
        }
    }
}
