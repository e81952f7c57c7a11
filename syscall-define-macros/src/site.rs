//! Where a definition stands, read from its source file: the two mistakes a macro cannot see.
//!
//! An attribute macro is given its item and nothing around it. Two mistakes live in the
//! surroundings: `#[syscall_define]` on a function inside an `impl` or `trait` (the items it
//! defines, a type and impls, cannot stand there, and rustc reports each one), and a second
//! definition of one system call in a scope (rustc reports the name, then every stub and impl
//! again). Each would give half a dozen errors. Since Rust 1.88 a span knows its file, line and
//! column, so the macro reads the file once, lists the functions it holds, and finds its own.
//!
//! Only a *positive* finding changes the expansion: a function of the definition's name at exactly
//! the definition's line and column, directly in an `impl`/`trait` body, or after an earlier
//! `#[syscall_define]` function of the same name in the same braces, neither under `#[cfg]`,
//! and no macro call or attribute that may be a macro around it (`#[my_macro] impl S { … }`
//! could move its functions out, `m! { … }` could rename them).
//! Anything else (no file: some IDEs, generated code; a file that no longer matches; a
//! definition written by a macro; columns counted in bytes) leaves the expansion as it is, so
//! an unreadable or misread file costs the extra errors back, never a rejected valid program.
//! (An IDE whose buffer differs from the saved file can show the finding of the saved file
//! until the next save, as it shows other stale errors.)

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// The definition's function name and where the compiler placed it: 1-based line, 1-based
/// column in characters (`proc_macro::Span::line`, `column`).
#[derive(Clone, Debug)]
pub struct Site {
    pub name: String,
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

/// What the source says about a definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Nothing known to be wrong (or nothing known).
    Unremarkable,
    /// Directly in an `impl` body.
    InImpl,
    /// Directly in a `trait` body.
    InTrait,
    /// After another `#[syscall_define]` function of the same name in the same braces, whose
    /// name is on this line.
    Redefined { first_line: usize },
}

impl Site {
    /// Reads (once per file and process) and consults the file.
    pub fn placement(&self, compat: bool) -> Placement {
        match functions_of(&self.file) {
            Some(functions) => placement(&functions, &self.name, compat, self.line, self.column),
            None => Placement::Unremarkable,
        }
    }
}

/// Where `name` at `line:column` stands among `functions`.
/// `compat`: whether it is a compat definition (`#[syscall_define(compat)]`), which may stand
/// beside the native one of the same name.
pub fn placement(
    functions: &[Function],
    name: &str,
    compat: bool,
    line: usize,
    column: usize,
) -> Placement {
    let Some(here) = functions
        .iter()
        .find(|f| f.name == name && f.line == line && f.column == column)
    else {
        return Placement::Unremarkable;
    };
    if !here.plain {
        return Placement::Unremarkable;
    }
    match here.container {
        Container::Impl => return Placement::InImpl,
        Container::Trait => return Placement::InTrait,
        Container::Other => {}
    }
    if here.configured {
        return Placement::Unremarkable;
    }
    let first = functions.iter().find(|f| {
        f.scope == here.scope
            && f.name == name
            && (f.line, f.column) < (line, column)
            && f.defines_syscall
            && f.compat == compat
            && !f.configured
    });
    match first {
        Some(first) => Placement::Redefined {
            first_line: first.line,
        },
        None => Placement::Unremarkable,
    }
}

/// What kind of braces hold a function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    Impl,
    Trait,
    /// A module, a block, a macro's braces, the file itself.
    Other,
}

/// A function item found in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Function {
    pub name: String,
    /// Of the name: 1-based, the column in characters.
    pub line: usize,
    pub column: usize,
    /// Which braces hold it (0: the file itself); siblings share it.
    pub scope: usize,
    pub container: Container,
    /// Neither a macro call nor an item with an attribute that may be a macro (`#[my_macro]
    /// impl S { … }`, `m! { … }`) encloses it: it reaches the compiler where it is written.
    pub plain: bool,
    /// Carries `#[syscall_define]` (any path ending so), after only attributes that cannot
    /// change what it defines: another attribute macro before it could.
    pub defines_syscall: bool,
    /// The attribute says `compat`.
    pub compat: bool,
    /// Carries `#[cfg]` or `#[cfg_attr]`: it may not exist, or not be a system call.
    pub configured: bool,
}

/// The functions of a file, parsed once per process (a compilation) and kept while the file's
/// length and modification time stay the same.
fn functions_of(file: &Path) -> Option<Arc<Vec<Function>>> {
    type Cache = Vec<(PathBuf, u64, Option<SystemTime>, Arc<Vec<Function>>)>;
    static CACHE: Mutex<Cache> = Mutex::new(Vec::new());
    let metadata = std::fs::metadata(file).ok()?;
    let (len, modified) = (metadata.len(), metadata.modified().ok());
    let mut cache = CACHE.lock().ok()?;
    if let Some((.., functions)) = cache
        .iter()
        .find(|(path, l, m, _)| path == file && *l == len && *m == modified)
    {
        return Some(Arc::clone(functions));
    }
    let source = std::fs::read_to_string(file).ok()?;
    let functions = Arc::new(functions(&source));
    cache.retain(|(path, ..)| path != file);
    cache.push((file.to_owned(), len, modified, Arc::clone(&functions)));
    Some(functions)
}

/// Attributes that leave a function's expansion to the attribute macros after them.
const INERT_ATTRIBUTES: &[&str] = &[
    "doc",
    "allow",
    "warn",
    "deny",
    "forbid",
    "expect",
    "deprecated",
    "inline",
    "cold",
    "must_use",
    "track_caller",
    "rustfmt",
    "clippy",
];

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Ident(String),
    Punct(char),
    Open(char),
    Close(char),
    /// A literal or a lifetime: nothing to look at.
    Other,
}

struct Lexed {
    token: Token,
    line: usize,
    column: usize,
}

/// The functions declared as items in `source`: in any braces (modules, blocks, `impl`s,
/// traits, macro bodies), not in parentheses or brackets.
pub fn functions(source: &str) -> Vec<Function> {
    // The compiler counts columns after a byte-order mark.
    let tokens = lex(source.strip_prefix('\u{feff}').unwrap_or(source));
    let mut functions = Vec::new();
    // One frame per open delimiter; the file is a brace frame of its own.
    struct Frame {
        delimiter: char,
        scope: usize,
        container: Container,
        /// No macro call and no attribute that could be a macro encloses it: what is written
        /// here is what the compiler expands.
        plain: bool,
        /// The item being read in this frame: its attributes and the words of its header.
        attributes: Vec<Attribute>,
        header: Vec<String>,
    }
    let frame = |delimiter, scope, container, plain| Frame {
        delimiter,
        scope,
        container,
        plain,
        attributes: Vec::new(),
        header: Vec::new(),
    };
    let mut frames = vec![frame('{', 0, Container::Other, true)];
    let mut scopes = 0;
    let mut i = 0;
    while i < tokens.len() {
        let Some(top) = frames.last_mut() else { break };
        let token = &tokens[i].token;
        if top.delimiter != '{' {
            match token {
                Token::Open(d) => {
                    let (d, plain) = (*d, top.plain);
                    scopes += 1;
                    frames.push(frame(d, scopes, Container::Other, plain));
                }
                Token::Close(_) => {
                    frames.pop();
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match token {
            // An attribute: `#[path …]` or `#![…]`, read whole.
            Token::Punct('#') => {
                let inner = tokens
                    .get(i + 1)
                    .is_some_and(|t| t.token == Token::Punct('!'));
                let open = i + 1 + usize::from(inner);
                if tokens
                    .get(open)
                    .is_some_and(|t| t.token == Token::Open('['))
                {
                    let (attribute, end) = attribute(&tokens, open);
                    if !inner {
                        top.attributes.push(attribute);
                    }
                    i = end;
                    continue;
                }
                top.header.push("#".into());
            }
            Token::Punct(';') => {
                top.attributes.clear();
                top.header.clear();
            }
            Token::Open(d) => {
                let container = if *d != '{' {
                    Container::Other
                } else {
                    match head(&top.header) {
                        Some("impl") => Container::Impl,
                        Some("trait") => Container::Trait,
                        _ => Container::Other,
                    }
                };
                let plain = top.plain
                    && !opens_macro(&top.header)
                    && top.attributes.iter().all(Attribute::is_transparent);
                if *d == '{' {
                    top.attributes.clear();
                    top.header.clear();
                }
                let d = *d;
                scopes += 1;
                frames.push(frame(d, scopes, container, plain));
            }
            Token::Close(_) => {
                let closed = frames.pop().map(|f| f.delimiter);
                // After a body, a new item begins; `pub(crate)`, `Fn() -> u8` go on.
                if closed == Some('{')
                    && let Some(parent) = frames.last_mut()
                    && parent.delimiter == '{'
                {
                    parent.attributes.clear();
                    parent.header.clear();
                }
            }
            Token::Ident(word) if word == "fn" && only_modifiers(&top.header) => {
                if let Some(Lexed {
                    token: Token::Ident(name),
                    line,
                    column,
                }) = tokens.get(i + 1)
                {
                    functions.push(Function {
                        name: name.strip_prefix("r#").unwrap_or(name).to_owned(),
                        line: *line,
                        column: *column,
                        scope: top.scope,
                        container: top.container,
                        plain: top.plain,
                        defines_syscall: defines_syscall(&top.attributes),
                        compat: top
                            .attributes
                            .iter()
                            .any(|a| a.is_syscall_define() && a.says_compat),
                        configured: top.attributes.iter().any(|a| {
                            matches!(a.path.first().map(String::as_str), Some("cfg" | "cfg_attr"))
                        }),
                    });
                }
                top.header.push(word.clone());
            }
            Token::Ident(word) => top.header.push(word.clone()),
            Token::Punct(c) => top.header.push(c.to_string()),
            Token::Other => top.header.push(String::new()),
        }
        i += 1;
    }
    functions
}

/// Whether braces opened after `header` are a macro's input (`m! {`, `macro_rules! m {`), not
/// code: `fn f() -> ! {` is code.
fn opens_macro(header: &[String]) -> bool {
    let head = head(header);
    matches!(head, Some("macro_rules" | "macro"))
        || (header.last().is_some_and(|w| w == "!") && head != Some("fn"))
}

/// The keyword an item's header starts with, after its visibility and qualifiers.
fn head(header: &[String]) -> Option<&str> {
    header
        .iter()
        .map(String::as_str)
        .find(|w| !MODIFIERS.contains(w))
}

/// Words that may precede `fn` in an item: `pub(crate) const unsafe extern "C" fn`. (The
/// parentheses of `pub(crate)` are a frame of their own, so they never reach the header; a
/// literal, such as the ABI's `"C"`, is in the header as "".)
const MODIFIERS: &[&str] = &[
    "pub", "const", "async", "unsafe", "safe", "extern", "default", "auto", "",
];

fn only_modifiers(header: &[String]) -> bool {
    header.iter().all(|w| MODIFIERS.contains(&w.as_str()))
}

/// Whether the attributes include `#[syscall_define]` preceded by inert ones only.
fn defines_syscall(attributes: &[Attribute]) -> bool {
    for attribute in attributes {
        if attribute.is_syscall_define() {
            return true;
        }
        let inert = attribute
            .path
            .first()
            .is_some_and(|s| INERT_ATTRIBUTES.contains(&s.as_str()));
        if !inert {
            return false;
        }
    }
    false
}

/// An outer attribute, as far as it matters here.
struct Attribute {
    /// `["syscall_define", "syscall_define"]` for `#[syscall_define::syscall_define(…)]`.
    path: Vec<String>,
    /// `compat` is a word of its arguments: `#[syscall_define(compat, abi(ia32))]`.
    says_compat: bool,
}

impl Attribute {
    fn is_syscall_define(&self) -> bool {
        self.path.last().is_some_and(|s| s == "syscall_define")
    }

    /// A built-in attribute of an enclosing item, which cannot move what it encloses (an
    /// attribute macro on an `impl` could turn its functions into free ones; `cfg_attr` could
    /// add one).
    fn is_transparent(&self) -> bool {
        self.path.first().is_some_and(|s| {
            INERT_ATTRIBUTES.contains(&s.as_str()) || TRANSPARENT_ATTRIBUTES.contains(&s.as_str())
        })
    }
}

/// Built-in attributes of items that keep what they enclose where it is written.
const TRANSPARENT_ATTRIBUTES: &[&str] = &[
    "cfg",
    "derive",
    "repr",
    "path",
    "macro_use",
    "macro_export",
    "test",
    "non_exhaustive",
    "no_mangle",
    "export_name",
    "link_section",
    "unsafe",
    "automatically_derived",
    "diagnostic",
];

/// The attribute whose `[` is at `open`, and the index after its `]`.
fn attribute(tokens: &[Lexed], open: usize) -> (Attribute, usize) {
    let mut path = Vec::new();
    let mut says_compat = false;
    let mut reading_path = true;
    let mut depth = 0usize;
    let mut i = open;
    while i < tokens.len() {
        match &tokens[i].token {
            Token::Open(_) => {
                depth += 1;
                if depth > 1 {
                    reading_path = false;
                }
            }
            Token::Close(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return (Attribute { path, says_compat }, i + 1);
                }
            }
            Token::Ident(word) if reading_path && depth == 1 => path.push(word.clone()),
            Token::Ident(word) if depth == 2 && word == "compat" => says_compat = true,
            Token::Punct(':') if reading_path && depth == 1 => {}
            _ => reading_path = false,
        }
        i += 1;
    }
    (Attribute { path, says_compat }, i)
}

/// A position in the characters of a file.
struct Cursor {
    chars: Vec<char>,
    i: usize,
    line: usize,
    column: usize,
}

impl Cursor {
    fn at(&self, k: usize) -> char {
        self.chars.get(self.i + k).copied().unwrap_or('\0')
    }

    fn done(&self) -> bool {
        self.i >= self.chars.len()
    }

    fn advance(&mut self, n: usize) {
        for _ in 0..n {
            let Some(&c) = self.chars.get(self.i) else {
                return;
            };
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
            self.i += 1;
        }
    }

    /// Advances while `keep` holds of the character here.
    fn advance_while(&mut self, keep: impl Fn(&Self) -> bool) {
        while !self.done() && keep(self) {
            self.advance(1);
        }
    }
}

/// Rust's tokens, as far as finding items needs: comments and literals skipped correctly (a
/// brace in a string or a comment is not a brace), every token with its 1-based position.
fn lex(source: &str) -> Vec<Lexed> {
    let mut s = Cursor {
        chars: source.chars().collect(),
        i: 0,
        line: 1,
        column: 1,
    };
    let mut tokens = Vec::new();
    while !s.done() {
        let c = s.at(0);
        let (line, column) = (s.line, s.column);
        let token = if c.is_whitespace() {
            s.advance(1);
            continue;
        } else if c == '/' && s.at(1) == '/' {
            s.advance_while(|s| s.at(0) != '\n');
            continue;
        } else if c == '/' && s.at(1) == '*' {
            let mut depth = 0usize;
            while !s.done() {
                if s.at(0) == '/' && s.at(1) == '*' {
                    depth += 1;
                    s.advance(2);
                } else if s.at(0) == '*' && s.at(1) == '/' {
                    depth -= 1;
                    s.advance(2);
                    if depth == 0 {
                        break;
                    }
                } else {
                    s.advance(1);
                }
            }
            continue;
        } else if let Some(hashes) = raw_string_start(&s) {
            // r"…", r#"…"#, br#"…"#, cr"…": up to the quote followed by as many `#`.
            s.advance_while(|s| s.at(0) != '"');
            s.advance(1);
            while !s.done() {
                if s.at(0) == '"' && (1..=hashes).all(|k| s.at(k) == '#') {
                    s.advance(1 + hashes);
                    break;
                }
                s.advance(1);
            }
            Token::Other
        } else if c == '"' || ((c == 'b' || c == 'c') && s.at(1) == '"') {
            s.advance(if c == '"' { 1 } else { 2 });
            while !s.done() && s.at(0) != '"' {
                s.advance(if s.at(0) == '\\' { 2 } else { 1 });
            }
            s.advance(1);
            Token::Other
        } else if c == '\'' || (c == 'b' && s.at(1) == '\'') {
            s.advance(usize::from(c == 'b'));
            if s.at(1) == '\\' {
                // An escaped character: '\n', '\'', '\u{1F600}'.
                s.advance(3);
                s.advance_while(|s| s.at(0) != '\'');
                s.advance(1);
            } else if s.at(2) == '\'' {
                s.advance(3);
            } else {
                // A lifetime or a label.
                s.advance(1);
                s.advance_while(|s| is_ident_continue(s.at(0)));
            }
            Token::Other
        } else if is_ident_start(c) {
            let start = s.i;
            if c == 'r' && s.at(1) == '#' && is_ident_start(s.at(2)) {
                s.advance(2);
            }
            s.advance_while(|s| is_ident_continue(s.at(0)));
            Token::Ident(s.chars[start..s.i].iter().collect())
        } else if c.is_ascii_digit() {
            s.advance_while(|s| {
                is_ident_continue(s.at(0)) || (s.at(0) == '.' && s.at(1).is_ascii_digit())
            });
            Token::Other
        } else {
            s.advance(1);
            match c {
                '{' | '(' | '[' => Token::Open(c),
                '}' | ')' | ']' => Token::Close(c),
                _ => Token::Punct(c),
            }
        };
        tokens.push(Lexed {
            token,
            line,
            column,
        });
    }
    tokens
}

/// The number of `#` of a raw string starting here (`r"`, `r#"`, `br"`, `cr##"`), if one does.
/// (The lexer is at a token's start, so this `r` does not end an identifier such as `for`.)
fn raw_string_start(s: &Cursor) -> Option<usize> {
    let mut j = usize::from(matches!(s.at(0), 'b' | 'c'));
    if s.at(j) != 'r' {
        return None;
    }
    j += 1;
    let hashes = (j..).take_while(|&k| s.at(k) == '#').count();
    (s.at(j + hashes) == '"').then_some(hashes)
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_ident_continue(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}
