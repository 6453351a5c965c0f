//! What is extracted must not change when extraction gets faster: `list
//! --json` and `deals --json` over every fixture and sample are compared with
//! outputs committed before the speed work (tests/golden/). When a change is
//! *meant* to change the facts, regenerate them with
//! `DEALSCOPE_GOLDEN_UPDATE=1 cargo test --release --test golden` and say why
//! in the commit.

use std::path::Path;
use std::process::Command;

const CORPUS: [&str; 2] = ["tests/fixtures", "assets/articles"];

fn run_json(subcommand: &str) -> String {
    let home = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_dealscope"))
        .arg(subcommand)
        .arg("--json")
        .args(CORPUS)
        .env("HOME", home.path())
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{subcommand}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// The first line where two outputs differ, with a little context, so a
/// failure says which fact moved rather than dumping 150 KB.
fn first_difference(expected: &str, actual: &str) -> Option<String> {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let at = (0..e.len().max(a.len())).find(|&i| e.get(i) != a.get(i))?;
    let from = at.saturating_sub(12);
    let context = |lines: &[&str]| lines.get(from..(at + 3).min(lines.len())).unwrap_or(&[]).join("\n");
    Some(format!("line {}:\n--- expected\n{}\n--- actual\n{}", at + 1, context(&e), context(&a)))
}

fn check(subcommand: &str, golden: &str) {
    let actual = run_json(subcommand);
    let path = Path::new("tests/golden").join(golden);
    if std::env::var_os("DEALSCOPE_GOLDEN_UPDATE").is_some() {
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    assert!(expected.len() > 10_000, "{} looks truncated", path.display());
    if let Some(diff) = first_difference(&expected, &actual) {
        panic!("{subcommand} --json differs from {}: {diff}", path.display());
    }
}

#[test]
fn list_json_over_every_fixture_is_unchanged() {
    check("list", "list.json");
}

#[test]
fn deals_json_over_every_fixture_is_unchanged() {
    check("deals", "deals.json");
}
