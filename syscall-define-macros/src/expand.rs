//! The expansion of `#[syscall_define]`, independent of the compiler's `proc_macro` API.

use proc_macro2::TokenStream;

mod allocate;
mod check;
mod emit;
// Shared with the derive (`crate::derive`).
pub(crate) mod errors;
mod fallback;
mod messages;
mod parse;
mod text;

/// Expands `#[syscall_define(attr)] item`. Never panics: every problem becomes a compile error,
/// emitted after the original item.
pub fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
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
    let ptregs = parse::mentions_ptregs(&attr);
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
