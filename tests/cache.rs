//! The facts cache, run as real processes over a copy of the fixtures, each
//! test with its own XDG directories: a cached reopen prints exactly what a
//! fresh parse prints, changed, added and removed files are picked up, and a
//! damaged, read-only or shared cache never costs a correct answer.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

struct Setup {
    home: tempfile::TempDir,
    corpus: PathBuf,
}

impl Setup {
    /// A copy of the fixtures, last modified an hour ago (files modified
    /// within moments of being cached are read again, by design).
    fn new() -> Setup {
        let home = tempfile::tempdir().unwrap();
        let corpus = home.path().join("corpus");
        copy_tree(Path::new("tests/fixtures"), &corpus);
        Setup { home, corpus }
    }

    fn cache_home(&self) -> PathBuf {
        self.home.path().join("cache")
    }

    fn cache_file(&self) -> PathBuf {
        self.cache_home().join("dealscope").join("facts.sqlite")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_dealscope"));
        command
            .args(args)
            .env("COLUMNS", "100")
            .env("HOME", self.home.path())
            .env("XDG_CACHE_HOME", self.cache_home())
            .env("XDG_DATA_HOME", self.home.path().join("data"))
            .env("XDG_CONFIG_HOME", self.home.path().join("config"));
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// `args` followed by the corpus path; the output must be a success.
    fn ok(&self, args: &[&str]) -> Output {
        let mut all: Vec<&str> = args.to_vec();
        all.push(self.corpus.to_str().unwrap());
        let out = self.run(&all);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        out
    }

    fn list_json(&self, extra: &[&str]) -> serde_json::Value {
        let mut args = vec!["list", "--json"];
        args.extend(extra);
        serde_json::from_slice(&self.ok(&args).stdout).unwrap()
    }

    fn titles(&self) -> Vec<String> {
        let list = self.list_json(&[]);
        list.as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap().to_string()).collect()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn an_hour_ago() -> SystemTime {
    SystemTime::now() - Duration::from_secs(3600)
}

fn set_mtime(path: &Path, when: SystemTime) {
    fs::File::options().write(true).open(path).unwrap().set_modified(when).unwrap();
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
            set_mtime(&target, an_hour_ago());
        }
    }
}

/// The three JSON outputs a cached reopen must reproduce: the list, a few
/// articles shown whole, and the merged deals.
fn outputs(setup: &Setup, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["list", "--json"];
    args.extend(extra);
    let list = text(&setup.ok(&args).stdout);
    let parsed: serde_json::Value = serde_json::from_str(&list).unwrap();
    let ids: Vec<String> =
        parsed.as_array().unwrap().iter().step_by(9).map(|a| a["id"].as_str().unwrap().to_string()).collect();
    assert!(ids.len() >= 5, "the fixtures give enough articles to show");
    let mut all = vec![list];
    for id in &ids {
        let mut args = vec!["show", id.as_str(), "--json"];
        args.extend(extra);
        all.push(text(&setup.ok(&args).stdout));
    }
    let mut args = vec!["deals", "--json"];
    args.extend(extra);
    all.push(text(&setup.ok(&args).stdout));
    all
}

#[test]
fn a_cached_reopen_prints_exactly_what_a_fresh_parse_prints() {
    let setup = Setup::new();
    let fresh = outputs(&setup, &["--no-cache"]);
    assert!(!setup.cache_file().exists(), "--no-cache writes no cache");
    let filling = outputs(&setup, &[]);
    assert!(setup.cache_file().exists(), "the first load fills the cache");
    let cached = outputs(&setup, &[]);
    for ((fresh, filling), cached) in fresh.iter().zip(&filling).zip(&cached) {
        assert!(fresh == filling, "the load that fills the cache changed the output");
        assert!(fresh == cached, "a cached reopen changed the output");
    }
}

#[test]
fn records_are_used_and_a_touched_file_is_read_again() {
    let setup = Setup::new();
    let file = setup.corpus.join("en_spain_bsc_eur80m.txt");
    let original = fs::read_to_string(&file).unwrap();
    let list = setup.list_json(&[]);
    let listed =
        list.as_array().unwrap().iter().find(|a| a["source"].as_str().unwrap().ends_with("bsc_eur80m.txt"));
    let title = listed.unwrap()["title"].as_str().unwrap().to_string();
    assert!(original.contains(&title), "the title is in the file as written");

    // Same size, same modification time: the cache answers (this is what
    // makes a reopen cheap), so the old title is still listed.
    let mtime = fs::metadata(&file).unwrap().modified().unwrap();
    let changed: String = title.chars().map(|c| if c == 'a' { 'o' } else { c }).collect();
    assert!(changed != title && changed.len() == title.len(), "the fixture's title has an 'a' to change");
    fs::write(&file, original.replacen(&title, &changed, 1)).unwrap();
    set_mtime(&file, mtime);
    let titles = setup.titles();
    assert!(titles.contains(&title) && !titles.contains(&changed), "the cached record is used: {titles:?}");

    // Touched: read again.
    set_mtime(&file, mtime + Duration::from_secs(60));
    let titles = setup.titles();
    assert!(
        titles.contains(&changed) && !titles.contains(&title),
        "a touched file is parsed again: {titles:?}"
    );
}

#[test]
fn added_and_deleted_files_are_picked_up() {
    let setup = Setup::new();
    let before = setup.titles();
    let info = |setup: &Setup| text(&setup.run(&["cache", "info"]).stdout);
    assert!(info(&setup).contains(&format!("entries: {} files", before.len())), "{}", info(&setup));

    fs::remove_file(setup.corpus.join("en_spain_bsc_eur80m.txt")).unwrap();
    let added = setup.corpus.join("added.txt");
    fs::write(
        &added,
        "Kenya signs a cloud deal with Nvidia\nNairobi, 3 March 2025. Kenya signed a cloud deal.\n",
    )
    .unwrap();
    set_mtime(&added, an_hour_ago());
    let after = setup.titles();
    assert_eq!(after.len(), before.len());
    assert!(after.contains(&"Kenya signs a cloud deal with Nvidia".to_string()));
    let gone = fs::read_to_string(Path::new("tests/fixtures/en_spain_bsc_eur80m.txt")).unwrap();
    assert!(!after.contains(&gone.lines().next().unwrap().to_string()), "the deleted file is gone");
    assert!(info(&setup).contains(&format!("entries: {} files", after.len())), "{}", info(&setup));
}

#[test]
fn a_cache_of_random_bytes_is_rebuilt_with_one_warning() {
    let setup = Setup::new();
    let expected = setup.list_json(&["--no-cache"]);
    setup.list_json(&[]);
    let garbage: Vec<u8> = (0..64 * 1024u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    fs::write(setup.cache_file(), &garbage).unwrap();

    let out = setup.ok(&["list", "--json"]);
    let warnings = text(&out.stderr);
    assert_eq!(warnings.matches("warning: cache:").count(), 1, "{warnings}");
    assert!(warnings.contains("damaged"), "{warnings}");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap(), expected);
    // Rebuilt: the next run is quiet and still right.
    let again = setup.ok(&["list", "--json"]);
    assert!(text(&again.stderr).is_empty(), "{}", text(&again.stderr));
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&again.stdout).unwrap(), expected);
}

#[test]
fn a_read_only_cache_directory_gives_a_warning_and_the_right_output() {
    use std::os::unix::fs::PermissionsExt;
    let setup = Setup::new();
    let expected = setup.list_json(&["--no-cache"]);
    // These machines run tests as root, who writes anywhere: the run drops
    // to an unprivileged user, for whom the cache directory is read-only.
    let open = |path: &Path, mode: u32| fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    for dir in [setup.home.path().to_path_buf(), setup.corpus.clone(), setup.corpus.join("deals")] {
        open(&dir, 0o755);
    }
    let cache_dir = setup.cache_home().join("dealscope");
    fs::create_dir_all(&cache_dir).unwrap();
    open(&setup.cache_home(), 0o755);
    open(&cache_dir, 0o755);
    for cached_before in [false, true] {
        if cached_before {
            // Also with a valid cache file in it, written by its owner.
            setup.list_json(&[]);
            open(&setup.cache_file(), 0o644);
        }
        let out = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_dealscope")])
            .args(["list", "--json"])
            .arg(&setup.corpus)
            .env("HOME", setup.home.path())
            .env("XDG_CACHE_HOME", setup.cache_home())
            .output();
        match out {
            Ok(out) if out.status.code() != Some(127) => {
                let warnings = text(&out.stderr);
                assert!(out.status.success(), "{warnings}");
                assert_eq!(warnings.matches("warning: cache:").count(), 1, "{warnings}");
                assert_eq!(serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap(), expected);
            }
            other => {
                assert!(std::env::var_os("CI").is_none(), "setpriv is needed in CI: {other:?}");
                eprintln!("skipped the read-only cache test: setpriv cannot run ({other:?})");
                return;
            }
        }
    }
}

#[test]
fn two_processes_loading_at_once_both_succeed() {
    let setup = Setup::new();
    let expected = text(&setup.ok(&["list", "--json", "--no-cache"]).stdout);
    for round in 0..4 {
        // Two creating the cache at once, then two reading and writing it.
        if round % 2 == 0 {
            let _ = fs::remove_dir_all(setup.cache_home());
        }
        let children: Vec<_> = (0..2)
            .map(|_| {
                setup
                    .command(&["list", "--json", setup.corpus.to_str().unwrap()])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{}", text(&out.stderr));
            assert!(text(&out.stderr).is_empty(), "{}", text(&out.stderr));
            assert!(text(&out.stdout) == expected, "a concurrent load changed the output");
        }
    }
    let info = text(&setup.run(&["cache", "info"]).stdout);
    assert!(info.contains("under 1 corpus roots"), "{info}");
}

#[test]
fn cache_info_and_clear() {
    let setup = Setup::new();
    let info = setup.run(&["cache", "info"]);
    assert!(info.status.success());
    let shown = text(&info.stdout);
    assert!(
        shown.contains(setup.cache_file().to_str().unwrap()) && shown.contains("not created yet"),
        "{shown}"
    );
    assert!(!setup.cache_file().exists(), "info creates nothing");

    // The embedded samples do not go through the cache.
    assert!(setup.run(&["list"]).status.success());
    assert!(!setup.cache_file().exists());

    setup.list_json(&[]);
    let shown = text(&setup.run(&["cache", "info"]).stdout);
    assert!(shown.contains("size: ") && shown.contains("under 1 corpus roots"), "{shown}");
    let cleared = setup.run(&["cache", "clear"]);
    assert!(cleared.status.success());
    assert!(text(&cleared.stdout).starts_with("deleted "), "{}", text(&cleared.stdout));
    assert!(!setup.cache_file().exists());
    let again = setup.run(&["cache", "clear"]);
    assert!(again.status.success() && text(&again.stdout).starts_with("no cache at "));
    // The corpus itself was only read.
    let mut names: Vec<String> = fs::read_dir(&setup.corpus)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    names.sort();
    let mut originals: Vec<String> = fs::read_dir("tests/fixtures")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    originals.sort();
    assert_eq!(names, originals, "nothing written next to the articles");
}
