//! Measurements of syscall-define against hand-written C and Rust: instructions per entry stub
//! and per dispatched call, and the macro's build cost. Run them with `cargo bench -p
//! syscall-define-benches` (see `perf/main.rs`); this library holds the parts worth unit tests.

pub mod disasm;
