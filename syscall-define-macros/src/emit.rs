//! Stage 4: the generated items. Every path is absolute (through the facade's `__private`), helper
//! items are `#[doc(hidden)]`, and nothing here triggers a warning or clippy lint in the user's
//! crate.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Attribute;
use syscall_define_abi::Abi;

use super::allocate::{Plan, Status, default_cfg, stub_prefix, type_ident};
use super::check::Ret;
use super::text::{type_spans, type_text};

fn is_cfg(attr: &Attribute) -> bool {
    attr.path().is_ident("cfg") || attr.path().is_ident("cfg_attr")
}

/// `#[deprecated]` goes on what kernel code names (the type, `ksys_NAME`), not on the body,
/// which the macro's own items call on every build.
fn is_deprecated(attr: &Attribute) -> bool {
    attr.path().is_ident("deprecated")
}

/// What every part of the expansion names: the syscall, its type, the facade's paths, the
/// attributes that apply to every item, the arguments.
struct Names<'a> {
    plan: &'a Plan,
    krate: &'a syn::Path,
    private: TokenStream,
    /// The system call's name (`pread64`).
    syscall: &'a Ident,
    /// Its type: the name, or `compat_NAME` for a compat definition (Linux's
    /// `compat_sys_NAME`), so that it sits beside the native definition of the same call.
    name: Ident,
    name_str: String,
    vis: &'a syn::Visibility,
    /// `#[cfg]` applies to every generated item.
    cfgs: Vec<&'a Attribute>,
    docs: Vec<&'a Attribute>,
    /// The user's `#[deprecated]`, if any.
    deprecated: Vec<&'a Attribute>,
    /// `#[allow(deprecated)]` on the macro's items that name a deprecated syscall's type.
    allow_deprecated: TokenStream,
    /// The body's and `ksys_NAME`'s return type: `-> T`, `-> !`, or nothing for `()`.
    output: TokenStream,
    compat: bool,
    args: &'a [super::check::Arg],
    arg_names: Vec<&'a Ident>,
    arg_types: Vec<&'a syn::Type>,
}

impl<'a> Names<'a> {
    fn new(plan: &'a Plan) -> Self {
        let krate = &plan.options.krate;
        let function = &plan.definition.function;
        let syscall = &function.sig.ident;
        let compat = plan.options.compat;
        let name = type_ident(syscall, compat);
        let args = &plan.definition.args[..];
        let deprecated: Vec<&Attribute> =
            function.attrs.iter().filter(|a| is_deprecated(a)).collect();
        Names {
            plan,
            krate,
            private: quote!(#krate::__private),
            syscall,
            name,
            name_str: syscall.to_string(),
            vis: &function.vis,
            cfgs: function.attrs.iter().filter(|a| is_cfg(a)).collect(),
            docs: function
                .attrs
                .iter()
                .filter(|a| a.path().is_ident("doc"))
                .collect(),
            allow_deprecated: if deprecated.is_empty() {
                quote!()
            } else {
                quote!(#[allow(deprecated)])
            },
            deprecated,
            output: match &plan.definition.ret {
                Ret::Unit => quote!(),
                Ret::Never => quote!(-> !),
                Ret::Type(ty) => quote!(-> #ty),
            },
            compat,
            args,
            arg_names: args.iter().map(|a| &a.name).collect(),
            arg_types: args.iter().map(|a| &a.ty).collect(),
        }
    }
}

/// The expansion: the type and its metadata with the body, the kind checks, each ABI's stub,
/// and `ksys_NAME`.
pub fn emit(plan: &Plan) -> TokenStream {
    let names = Names::new(plan);
    let mut out = type_and_body(&names);
    out.extend(kind_checks(&names));
    for stub in &plan.stubs {
        out.extend(stub_items(&names, stub));
    }
    if plan.options.ksys {
        out.extend(ksys(&names));
    }
    out
}

/// The syscall's type, its `Syscall` impl and descriptor, and the body.
fn type_and_body(n: &Names) -> TokenStream {
    let Names {
        plan,
        krate,
        private,
        syscall,
        name,
        name_str,
        vis,
        cfgs,
        docs,
        deprecated,
        allow_deprecated,
        output,
        args,
        arg_names,
        arg_types,
        ..
    } = n;
    let compat = n.compat;
    let function = &plan.definition.function;
    let sig = &function.sig;
    let body = &function.block;
    let body_attrs: Vec<&Attribute> = function
        .attrs
        .iter()
        .filter(|a| !is_cfg(a) && !a.path().is_ident("doc") && !is_deprecated(a))
        .collect();
    let arg_name_strs: Vec<String> = arg_names.iter().map(|n| n.to_string()).collect();
    let arg_type_strs: Vec<String> = arg_types.iter().map(|t| type_text(t)).collect();
    let inputs = &sig.inputs;
    let arity = args.len();
    // An argument type that is not a `SyscallArg` is reported once, by `type Args`, on the first
    // type the macro could not classify (the only ones that can fail).
    let args_span = args
        .iter()
        .find(|a| a.kind.is_none())
        .map_or_else(proc_macro2::Span::call_site, |a| {
            syn::spanned::Spanned::span(&a.ty)
        });
    let args_tuple = quote_spanned!(args_span=> (#(#arg_types,)*));

    let return_type = match &plan.definition.ret {
        Ret::Unit => quote!(()),
        Ret::Never => quote!(#private::Infallible),
        Ret::Type(ty) => quote!(#ty),
    };

    let do_sys = if compat {
        format_ident!("__do_compat_sys_{}", syscall)
    } else {
        format_ident!("__do_sys_{}", syscall)
    };
    let type_doc = if docs.is_empty() {
        let text = format!(
            " The `{name_str}` system call{}, as a type: its [`Syscall`]({krate}::Syscall) implementation gives its descriptor and decoder. Its entry stubs come with it.",
            if compat {
                "'s compat definition (Linux's `COMPAT_SYSCALL_DEFINE`)"
            } else {
                ""
            },
            krate = quote!(#krate).to_string().replace(' ', "")
        );
        quote!(#[doc = #text])
    } else {
        quote!(#(#docs)*)
    };
    // The body keeps the user's own `#[inline]`, if any, instead of ours.
    let inline = if body_attrs.iter().any(|a| a.path().is_ident("inline")) {
        quote!()
    } else {
        quote!(#[inline(always)])
    };

    // The descriptor lists the layouts of the ABIs this definition emits, each under its cfg.
    let layouts = plan
        .stubs
        .iter()
        .filter(|s| !matches!(s.status, Status::DoesNotFit { .. }))
        .map(|s| {
            let abi_const = format_ident!("{}", s.abi.konst);
            let cfg_attr = s.cfg.as_ref().map(|pred| quote!(#[cfg(#pred)]));
            quote! {
                #cfg_attr
                #private::layout_on::<Self>(&#private::abi::#abi_const)
            }
        });
    let layouts = quote!(&[#(#layouts),*]);

    let body_impl = match &plan.definition.full_regs {
        None => quote! {
            #allow_deprecated
            impl #private::Body for #name {
                #[inline(always)]
                fn __do_sys((#(#arg_names,)*): Self::Args) -> Self::Return {
                    #do_sys(#(#arg_names),*)
                }
            }
        },
        Some((regs, regs_ty)) => quote! {
            #allow_deprecated
            impl #private::FullRegs<#regs_ty> for #name {
                #[inline(always)]
                fn __do_sys_full(
                    #regs: &mut #regs_ty,
                    (#(#arg_names,)*): Self::Args,
                ) -> Self::Return {
                    #do_sys(#regs, #(#arg_names),*)
                }
            }
        },
    };

    let orders = if plan.orders.is_empty() {
        quote!()
    } else {
        let entries = plan.orders.iter().map(|(abi, order)| {
            let id = format_ident!("{}", abi.tag);
            quote!((#krate::abi::AbiId::#id, &[#(#order),*]))
        });
        quote!(const ORDERS: &'static [(#krate::abi::AbiId, &'static [u8])] = &[#(#entries),*];)
    };

    quote! {
        #(#cfgs)*
        #type_doc
        // Braced, so that the name is a type only: calling `#name(..)` does not compile, and a
        // variable or parameter of the same name is still a plain binding.
        #(#deprecated)*
        #[allow(non_camel_case_types, dead_code)]
        #vis struct #name {}

        #(#cfgs)*
        #[allow(dead_code)]
        #allow_deprecated
        impl #name {
            /// The system call's descriptor: names, types and per-ABI register layout.
            pub const DESCRIPTOR: &'static #krate::Descriptor = <Self as #krate::Syscall>::DESCRIPTOR;
        }

        #(#cfgs)*
        #allow_deprecated
        impl #krate::Syscall for #name {
            const NAME: &'static str = #name_str;
            // Kinds come through `Self::Args`, so that an argument type that is not a
            // `SyscallArg` is reported once, at `type Args`.
            const ARGS: &'static [#krate::ArgMeta] = &#private::arg_meta::<Self, #arity>(
                [#(#arg_name_strs),*],
                [#(#arg_type_strs),*],
            );
            type Args = #args_tuple;
            type Return = #return_type;
            const DESCRIPTOR: &'static #krate::Descriptor =
                &#krate::Descriptor::new::<Self>(#layouts);
            #orders
        }

        #(#cfgs)*
        const _: () = {
            #(#body_attrs)*
            // A body's `Result` is the system call's contract (`Err(e)` becomes `-e`), even when
            // this body never fails.
            #[allow(non_snake_case, clippy::unnecessary_wraps)]
            #inline
            fn #do_sys(#inputs) #output #body

            #body_impl
        };
    }
}

/// A newtype's or alias's `SyscallArg::KIND` checked against its size (the allocator and the
/// stubs trust it), one `const` per argument type the macro could not classify, spanned on that
/// type so the error underlines it.
fn kind_checks(n: &Names) -> TokenStream {
    let Names {
        private,
        name,
        cfgs,
        allow_deprecated,
        args,
        ..
    } = n;
    let mut out = TokenStream::new();
    for (index, arg) in args.iter().enumerate().filter(|(_, a)| a.kind.is_none()) {
        let ty = &arg.ty;
        let (start, end) = type_spans(ty);
        let check = quote_spanned!(start=> #private::kind_mismatch::<#name>);
        let panic = quote_spanned!(end=> ::core::panic!("{}", why));
        out.extend(quote! {
            #(#cfgs)*
            #allow_deprecated
            const _: () = match #check(#index) {
                ::core::option::Option::None => {}
                ::core::option::Option::Some(why) => #panic,
            };
        });
    }

    out
}

/// One ABI's stub, its `HasStub` impl, and its fit check or table entry.
fn stub_items(n: &Names, stub: &super::allocate::StubPlan) -> TokenStream {
    let Names {
        plan,
        krate,
        private,
        syscall,
        name,
        name_str,
        vis,
        cfgs,
        allow_deprecated,
        ..
    } = n;
    let compat = n.compat;
    let mut out = TokenStream::new();
    let tag = format_ident!("{}", stub.abi.tag);
    let cfg_attr = stub.cfg.as_ref().map(|pred| quote!(#[cfg(#pred)]));
    let abi_const = format_ident!("{}", stub.abi.konst);
    match &stub.status {
        Status::DoesNotFit { message, .. } => {
            // Only reachable for the default set: the error applies where the ABI is built.
            // Its tokens span the whole argument that does not fit.
            let pred = default_cfg(stub.abi, compat);
            let (start, end) = stub.check_span;
            let error = quote_spanned!(start=> ::core::compile_error!);
            let error_message = quote_spanned!(end=> { #message });
            out.extend(quote! {
                #(#cfgs)*
                #[cfg(#pred)]
                #error #error_message
            });
            return out;
        }
        Status::Deferred { message } => {
            // The panic's tokens span the argument that does not fit, so that the error
            // underlines it (and, outside the facade, shows no facade frames); `fits` is
            // generic, so that a type that is not a `SyscallArg` is not reported here too.
            let (start, end) = stub.check_span;
            let panic = quote_spanned!(start=> ::core::panic!);
            let panic_args = quote_spanned!(end=> ("{}", #message));
            out.extend(quote! {
                #(#cfgs)*
                #cfg_attr
                #allow_deprecated
                const _: () = if !#private::fits::<#name>(&#private::abi::#abi_const) {
                    #panic #panic_args
                };
            });
        }
        Status::Fits(_) => {}
    }
    let prefix = stub_prefix(stub.abi, compat);
    let stub_name = format_ident!("{}{}", prefix, syscall, span = syscall.span());
    let doc = match &plan.definition.full_regs {
        None => stub_doc(
            name_str,
            compat,
            stub.abi,
            &plan.definition.args,
            &stub.status,
        ),
        Some(_) => format!(
            " Entry stub of `{name_str}` for the {} ABI, for arch entry code only. A full-register system call: the body receives the register file itself and may rewrite it, so a table marks its entry (`Entry::rewrites_registers`).",
            stub.abi.name
        ),
    };
    let export = plan.options.export;
    if plan.definition.full_regs.is_none() && !export {
        // The common stub, generic over the register file, written out by the facade's
        // `stub!`: few tokens per ABI, and none expanded for an ABI whose `cfg` is off.
        out.extend(quote! {
            #(#cfgs)*
            #cfg_attr
            #private::stub! { #vis #stub_name #name #tag #doc }
        });
        return out;
    }
    let signature = match (&plan.definition.full_regs, export) {
        (None, false) => quote! {
            #vis unsafe fn #stub_name<R>(regs: &R) -> isize
            where
                R: #private::ArgRegisters<#private::#tag> + ?::core::marker::Sized,
        },
        (None, true) => quote! {
            #[unsafe(no_mangle)]
            #vis unsafe extern "C" fn #stub_name(
                regs: &<#private::#tag as #private::ExportRegs>::Regs,
            ) -> isize
        },
        (Some((_, regs_ty)), false) => quote! {
            #vis unsafe fn #stub_name(regs: &mut #regs_ty) -> isize
        },
        (Some((_, regs_ty)), true) => quote! {
            #[unsafe(no_mangle)]
            #vis unsafe extern "C" fn #stub_name(regs: &mut #regs_ty) -> isize
        },
    };
    let call = match (&plan.definition.full_regs, export) {
        (None, false) => quote!(#private::enter::<#name, #private::#tag, R>(regs)),
        (None, true) => quote!(#private::enter::<#name, #private::#tag, _>(regs)),
        (Some((_, regs_ty)), _) => {
            // Spanned on the register-file type: if it is not one of this ABI's, the error
            // (`ArgRegisters`'s message) underlines it, once per ABI.
            let (start, _) = type_spans(regs_ty);
            let enter =
                quote_spanned!(start=> #private::enter_full::<#name, #private::#tag, #regs_ty>);
            quote!(#enter(regs))
        }
    };
    let inline = if export { quote!() } else { quote!(#[inline]) };
    if export {
        // One crate-root macro per exported symbol, named after it and spanned on the syscall's
        // name: a second `export` of the same symbol in the crate is an error at `cargo check`
        // (rustc E0428, on both definitions), not a duplicate symbol at link time.
        let guard = format_ident!(
            "__syscall_define_exports_{}",
            stub_name,
            span = syscall.span()
        );
        out.extend(quote! {
            #(#cfgs)*
            #cfg_attr
            #[doc(hidden)]
            #[macro_export]
            macro_rules! #guard { () => {}; }
        });
    }
    out.extend(quote! {
        #(#cfgs)*
        #cfg_attr
        #[doc = #doc]
        #[doc(hidden)]
        #[allow(dead_code, non_snake_case)]
        #allow_deprecated
        #inline
        #signature
        {
            unsafe { #call }
        }

    });
    out.extend(quote! {
        #(#cfgs)*
        #cfg_attr
        #allow_deprecated
        impl #krate::HasStub<#private::#tag> for #name {}
    });
    if let Some((_, regs_ty)) = &plan.definition.full_regs {
        // The table calls the stub itself, so that a wrong register file is reported once, in
        // the stub (an exported stub is `extern "C"`: the entry path is named directly).
        let call = if export {
            quote!(#private::enter_full::<#name, #private::#tag, #regs_ty>)
        } else {
            quote!(#stub_name)
        };
        out.extend(quote! {
            #(#cfgs)*
            #cfg_attr
            #allow_deprecated
            impl #krate::TableEntry<#private::#tag, #regs_ty> for #name {
                const ENTRY: #krate::Entry<#regs_ty> = #krate::Entry::full_regs(
                    #call,
                    <Self as #krate::Syscall>::DESCRIPTOR,
                );
            }
        });
    }
    out
}

/// `ksys_NAME`, the typed function for in-kernel callers.
fn ksys(n: &Names) -> TokenStream {
    let Names {
        plan,
        private,
        syscall,
        name,
        name_str,
        vis,
        cfgs,
        docs,
        deprecated,
        allow_deprecated,
        output,
        arg_names,
        arg_types,
        ..
    } = n;
    let mut out = TokenStream::new();
    let ksys = format_ident!("ksys_{}", syscall, span = syscall.span());
    let ksys_doc = format!(
        " `{name_str}` for in-kernel callers: the typed body, no registers involved (Linux's `ksys_{name_str}`)."
    );
    let docs = if docs.is_empty() {
        quote!(#[doc = #ksys_doc])
    } else {
        quote!(#(#docs)*)
    };
    let call = quote!(<#name as #private::Body>::__do_sys((#(#arg_names,)*)));
    let body = match &plan.definition.ret {
        Ret::Never => quote!(match #call {}),
        _ => call,
    };
    out.extend(quote! {
        #(#cfgs)*
        #docs
        #(#deprecated)*
        #[allow(non_snake_case)]
        #allow_deprecated
        #[inline]
        #vis fn #ksys(#(#arg_names: #arg_types),*) #output {
            #body
        }
    });
    out
}

/// The stub's documentation: which register each argument is read from, when the macro knows
/// (`cargo expand` shows doc attributes, not comments).
fn stub_doc(
    name: &str,
    compat: bool,
    abi: &Abi,
    args: &[super::check::Arg],
    status: &Status,
) -> String {
    let mut doc = format!(
        " {} stub of `{name}` for the {} ABI, for arch entry code only.",
        if compat { "Compat entry" } else { "Entry" },
        abi.name
    );
    match status {
        Status::Fits(layout) => {
            let mut reads: Vec<String> = args
                .iter()
                .zip(layout.args())
                .map(|(arg, place)| match abi.slot_name(*place) {
                    (slot, None) => format!("`{}` from {slot}", arg.name),
                    (lo, Some(hi)) => {
                        format!("`{}` from {lo} (low half) and {hi} (high half)", arg.name)
                    }
                })
                .collect();
            let pads: Vec<&str> = (0..abi.max_words())
                .filter(|&s| layout.is_pad(s))
                .map(|s| abi.arg_slots[s])
                .collect();
            if !pads.is_empty() {
                reads.push(format!("{} skipped as padding", pads.join(", ")));
            }
            if reads.is_empty() {
                doc.push_str(" It reads no argument register.");
            } else {
                doc.push_str(&format!(" It reads {}.", reads.join(", ")));
            }
        }
        _ => doc.push_str(&format!(
            " Its arguments come from {} as their types' `SyscallArg::KIND` places them.",
            abi.arg_slots.join(", ")
        )),
    }
    doc.push_str(&format!(
        " It runs the body and returns the value for `{}` (`Err(e)` as `-e`).",
        abi.ret.result
    ));
    doc
}
