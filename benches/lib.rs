//! Benchmarks: being written.
