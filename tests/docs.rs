//! The README's ABI table is the table's: one row per ABI (`abi::ALL`), and a row says "capture"
//! exactly where real captures verify the ABI (`Abi::captures`).

use syscall_define::abi;

#[test]
fn readme_abi_table_has_every_abi_and_says_which_captures_verify() {
    let readme = include_str!("../README.md");
    let table = readme
        .split("### ABIs")
        .nth(1)
        .and_then(|s| s.split("\n\n").find(|p| p.starts_with("| ABI |")))
        .expect("the README has an ABI table");
    let mut seen = Vec::new();
    for row in table.lines().skip(2) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let names: Vec<&str> = cells[1]
            .split(',')
            .filter_map(|n| n.trim().split('`').nth(1))
            .collect();
        for name in names {
            let abi = abi::Abi::by_name(name).unwrap_or_else(|| panic!("README: no ABI `{name}`"));
            // The last column (the row ends with `|`, so the cell before the empty one).
            let verified = cells[cells.len() - 2];
            assert_eq!(
                verified.contains("capture"),
                !abi.captures.is_empty(),
                "README row `{row}`: captures of {name}"
            );
            seen.push(name);
        }
    }
    let all: Vec<&str> = abi::ALL.iter().map(|a| a.name).collect();
    seen.sort_unstable();
    let mut want = all.clone();
    want.sort_unstable();
    assert_eq!(seen, want, "the README's ABI table lists every ABI once");
}
