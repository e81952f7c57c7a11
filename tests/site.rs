//! The macro's reading of source files (`syscall-define-macros/src/site.rs`): where a
//! definition stands, for the two mistakes an attribute macro cannot see from its item.
#![allow(missing_docs)]

#[path = "../syscall-define-macros/src/site.rs"]
mod site;

use site::{Container, Placement, functions, placement};
use std::path::{Path, PathBuf};

/// The placement of the function `name` whose name is at `line:column`; there must be one (an
/// `Unremarkable` from a mistyped position would prove nothing).
fn place(source: &str, name: &str, line: usize, column: usize) -> Placement {
    let found = functions(source);
    assert!(
        found
            .iter()
            .any(|f| f.name == name && (f.line, f.column) == (line, column)),
        "no `{name}` at {line}:{column} among {found:?}"
    );
    placement(&found, name, false, line, column)
}

#[test]
fn finds_functions_with_their_positions_and_containers() {
    let source = "\
#[syscall_define]
pub fn close(fd: u32) -> isize { 0 }
impl S {
    #[syscall_define] fn open() {}
}
trait T { fn read(); }
mod m { const unsafe extern \"C\" fn é_x() {} }
";
    let found = functions(source);
    let brief: Vec<_> = found
        .iter()
        .map(|f| {
            (
                f.name.as_str(),
                f.line,
                f.column,
                f.container,
                f.defines_syscall,
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            ("close", 2, 8, Container::Other, true),
            ("open", 4, 26, Container::Impl, true),
            ("read", 6, 14, Container::Trait, false),
            ("é_x", 7, 36, Container::Other, false),
        ]
    );
    assert_ne!(found[0].scope, found[3].scope);
}

#[test]
fn impl_and_trait_bodies_are_found_but_not_their_neighbours() {
    let source = "\
unsafe impl<T: Fn() -> u8> Tr for S<T> where T: Copy {
    #[syscall_define] fn a() {}
}
pub(crate) trait U { #[syscall_define] fn b() {} }
fn outer() -> impl Sized { #[syscall_define] fn c() {} }
";
    assert_eq!(place(source, "a", 2, 26), Placement::InImpl);
    assert_eq!(place(source, "b", 4, 43), Placement::InTrait);
    assert_eq!(place(source, "c", 5, 49), Placement::Unremarkable);
    // A position that does not match exactly tells nothing.
    let found = functions(source);
    assert_eq!(
        placement(&found, "a", false, 2, 25),
        Placement::Unremarkable
    );
    assert_eq!(
        placement(&found, "b", false, 3, 43),
        Placement::Unremarkable
    );
}

#[test]
fn a_second_definition_in_the_same_braces_is_a_redefinition() {
    let source = "\
#[syscall_define] fn close() {}
#[syscall_define::syscall_define(abi(x86_64))] fn close() {}
mod a { #[syscall_define] fn close() {} }
fn f() { #[syscall_define] fn close() {} { #[syscall_define] fn close() {} } }
";
    assert_eq!(place(source, "close", 1, 22), Placement::Unremarkable);
    assert_eq!(
        place(source, "close", 2, 51),
        Placement::Redefined { first_line: 1 }
    );
    // Other braces: another module, a function's block, a block in it.
    assert_eq!(place(source, "close", 3, 30), Placement::Unremarkable);
    assert_eq!(place(source, "close", 4, 31), Placement::Unremarkable);
    assert_eq!(place(source, "close", 4, 65), Placement::Unremarkable);
}

#[test]
fn configured_or_transformed_definitions_are_not_redefinitions() {
    let source = "\
#[cfg(a)] #[syscall_define] fn close() {}
#[syscall_define] #[cfg(not(a))] fn close() {}
#[other_macro] #[syscall_define] fn open() {}
#[syscall_define] fn open() {}
fn read() {}
#[syscall_define] fn read() {}
#[doc = \"x\"] #[allow(dead_code)] #[syscall_define] fn write() {}
#[syscall_define] fn write() {}
";
    assert_eq!(place(source, "close", 2, 37), Placement::Unremarkable);
    // An attribute macro before it may rename or remove the first.
    assert_eq!(place(source, "open", 4, 22), Placement::Unremarkable);
    // A plain function is in the value namespace only: no clash.
    assert_eq!(place(source, "read", 6, 22), Placement::Unremarkable);
    assert_eq!(
        place(source, "write", 8, 22),
        Placement::Redefined { first_line: 7 }
    );
}

#[test]
fn what_a_macro_may_rewrite_is_not_read() {
    let source = "\
#[transform] impl S { #[syscall_define] fn a() {} }
#[cfg(x)] #[derive(Debug)] impl S { #[syscall_define] fn b() {} }
#[transform] mod m { #[syscall_define] fn c() {} #[syscall_define] fn c() {} }
m! { #[syscall_define] fn d() {} #[syscall_define] fn d() {} }
fn f() -> ! { #[syscall_define] fn e() {} #[syscall_define] fn e() {} }
#[cfg_attr(x, transform)] mod n { #[syscall_define] fn g() {} #[syscall_define] fn g() {} }
";
    assert_eq!(place(source, "a", 1, 44), Placement::Unremarkable);
    assert_eq!(place(source, "b", 2, 58), Placement::InImpl);
    assert_eq!(place(source, "c", 3, 71), Placement::Unremarkable);
    assert_eq!(place(source, "d", 4, 55), Placement::Unremarkable);
    assert_eq!(
        place(source, "e", 5, 64),
        Placement::Redefined { first_line: 5 }
    );
    assert_eq!(place(source, "g", 6, 84), Placement::Unremarkable);
    // The same source with the rewriting attributes gone: each is found.
    let source = source
        .replace("#[transform] ", "")
        .replace("m! ", "mod m2 ");
    assert_eq!(place(&source, "a", 1, 31), Placement::InImpl);
    assert_eq!(
        place(&source, "c", 3, 58),
        Placement::Redefined { first_line: 3 }
    );
    assert_eq!(
        place(&source, "d", 4, 59),
        Placement::Redefined { first_line: 4 }
    );
}

#[test]
fn a_compat_definition_stands_beside_the_native_one() {
    let source = "\
#[syscall_define(abi(x86_64, ia32))] fn ioctl() {}
#[syscall_define(compat, abi(ia32))] fn ioctl() {}
#[syscall_define(abi(ia32), compat)] fn ioctl() {}
";
    let found = functions(source);
    assert_eq!(
        found.iter().map(|f| f.compat).collect::<Vec<_>>(),
        [false, true, true]
    );
    assert_eq!(
        placement(&found, "ioctl", true, 2, 41),
        Placement::Unremarkable
    );
    assert_eq!(
        placement(&found, "ioctl", true, 3, 41),
        Placement::Redefined { first_line: 2 }
    );
}

#[test]
fn a_byte_order_mark_is_not_a_column() {
    let found = functions("\u{feff}#[syscall_define] fn close() {}\n");
    assert_eq!((found[0].line, found[0].column), (1, 22));
    assert!(found[0].defines_syscall);
}

#[test]
fn literals_comments_and_lifetimes_do_not_confuse_the_braces() {
    let source = r####"
const A: &str = "impl X { ";
const B: &str = r#"}" { "#;
const C: char = '{';
const D: u8 = b'}';
const E: char = '\'';
/* impl Y { /* nested */ } */
// impl Z {
fn life<'a>(x: &'a u8) -> &'a u8 { 'outer: loop { break 'outer x; } }
impl W { fn m() {} }
#[syscall_define] fn close() {}
"####;
    let found = functions(source);
    let names: Vec<_> = found
        .iter()
        .map(|f| (f.name.as_str(), f.container))
        .collect();
    assert_eq!(
        names,
        [
            ("life", Container::Other),
            ("m", Container::Impl),
            ("close", Container::Other)
        ]
    );
    assert_eq!((found[2].line, found[2].column), (11, 22));
    assert_eq!(found[2].scope, found[0].scope);
}

#[test]
fn functions_in_parentheses_or_macro_patterns_are_not_items_here() {
    let source = "\
m!( #[syscall_define] fn close() {} );
macro_rules! d { ($n:ident) => { #[syscall_define] fn $n() {} } }
type F = fn(u32) -> u32;
";
    assert!(functions(source).is_empty());
}

/// Every function item syn finds in the workspace's own sources (strings, raw strings,
/// lifetimes, macros, nested blocks: real code) is found, in order, with its container;
/// and no prefix of a file (an unterminated string or comment) makes the reader fail.
#[test]
fn agrees_with_syn_on_the_workspace_sources() {
    fn walk(items: &[syn::Item], container: Container, out: &mut Vec<(String, Container)>) {
        for item in items {
            match item {
                syn::Item::Fn(f) => {
                    out.push((f.sig.ident.to_string(), container));
                    block(&f.block, out);
                }
                syn::Item::Mod(m) => {
                    if let Some((_, items)) = &m.content {
                        walk(items, Container::Other, out);
                    }
                }
                syn::Item::Impl(i) => {
                    for item in &i.items {
                        if let syn::ImplItem::Fn(f) = item {
                            out.push((f.sig.ident.to_string(), Container::Impl));
                            block(&f.block, out);
                        }
                    }
                }
                syn::Item::Trait(t) => {
                    for item in &t.items {
                        if let syn::TraitItem::Fn(f) = item {
                            out.push((f.sig.ident.to_string(), Container::Trait));
                            if let Some(b) = &f.default {
                                block(b, out);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    // Items directly in a function's block (not in nested expressions: enough here).
    fn block(b: &syn::Block, out: &mut Vec<(String, Container)>) {
        let items: Vec<syn::Item> = b
            .stmts
            .iter()
            .filter_map(|s| match s {
                syn::Stmt::Item(i) => Some(i.clone()),
                _ => None,
            })
            .collect();
        walk(&items, Container::Other, out);
    }
    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() && name != "target" && !name.to_string_lossy().starts_with('.') {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut checked = 0;
    for file in &files {
        let Ok(source) = std::fs::read_to_string(file) else {
            continue;
        };
        // Compile-fail cases and goldens need not parse.
        let Ok(parsed) = syn::parse_file(&source) else {
            continue;
        };
        let mut expected = Vec::new();
        walk(&parsed.items, Container::Other, &mut expected);
        let found: Vec<(String, Container)> = functions(&source)
            .into_iter()
            .map(|f| (f.name, f.container))
            .collect();
        // The reader also sees functions in macro bodies (`quote! { fn … }`): `expected` must
        // be a subsequence of `found`.
        let mut rest = found.iter();
        for want in &expected {
            assert!(
                rest.any(|f| f == want),
                "{}: {want:?} not found (in order) among {found:?}",
                file.display()
            );
        }
        let chars: Vec<char> = source.chars().collect();
        for end in (0..chars.len()).step_by(997) {
            let _ = functions(&chars[..end].iter().collect::<String>());
        }
        checked += expected.len();
    }
    assert!(
        checked > 500,
        "only {checked} functions in {} files",
        files.len()
    );
}

/// Through a file: read once, read again when it changes, nothing known without one.
#[test]
fn a_site_reads_its_file_and_rereads_it_when_it_changes() {
    let dir = std::env::temp_dir().join(format!("syscall-define-site-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("lib.rs");
    let site = |line| site::Site {
        name: "close".into(),
        file: file.clone(),
        line,
        column: 22,
    };
    std::fs::write(
        &file,
        "#[syscall_define] fn close() {}\n#[syscall_define] fn close() {}\n",
    )
    .unwrap();
    assert_eq!(
        site(2).placement(false),
        Placement::Redefined { first_line: 1 }
    );
    assert_eq!(site(2).placement(true), Placement::Unremarkable);
    // Another length: the file is read again.
    std::fs::write(&file, "impl S {\n#[syscall_define] fn close() {}\n}\n").unwrap();
    assert_eq!(site(2).placement(false), Placement::InImpl);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(site(2).placement(false), Placement::Unremarkable);
}
