//! Shared helpers for the test suites: loading the register captures in `fixtures/`.
