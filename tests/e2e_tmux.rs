//! End-to-end: the real `dealscope` binary in a real terminal, driven through
//! tmux. Every step polls the pane until the expected screen appears (no fixed
//! sleeps) and fails with the last captured screen.
//!
//! tmux (and pkill, for the signal tests) are prerequisites: CI installs
//! them (`.ci/run`). Without them each test that needs them says so on
//! stderr and is skipped; with `CI=true` a missing tool fails the test.

use std::io::{ErrorKind, Write};
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use unicode_width::UnicodeWidthStr;

const BIN: &str = env!("CARGO_BIN_EXE_dealscope");
const SESSION: &str = "e2e";
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
/// How long one wait may take before the test fails.
const WAIT: Duration = Duration::from_secs(10);
/// How often a wait looks at the pane again.
const POLL: Duration = Duration::from_millis(50);
/// The Korea sample's title, as shown in full in the reader.
const KOREA_TITLE: &str = "Nvidia renforce la puissance";

/// Quotes `text` for `sh` as one word.
fn sh_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// Why a tool cannot be run, if it cannot.
fn tool_problem(tool: &str, version_flag: &str) -> Option<String> {
    match Command::new(tool).arg(version_flag).output() {
        Ok(out) if out.status.success() => None,
        Ok(out) => Some(format!(
            "`{tool} {version_flag}` failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(e) if e.kind() == ErrorKind::NotFound => {
            Some(format!("{tool} is not installed (Debian: `apt-get install {}`)", package_of(tool)))
        }
        Err(e) => Some(format!("cannot run {tool}: {e}")),
    }
}

fn package_of(tool: &str) -> &str {
    if tool == "pkill" { "procps" } else { tool }
}

/// Whether tmux and pkill can be run. When one cannot, the test is skipped
/// with the reason on stderr, except in CI (`CI=true`), where a skipped
/// end-to-end test is a failure.
fn terminal_tools_present(test: &str) -> bool {
    let problems: Vec<String> = [("tmux", "-V"), ("pkill", "-V")]
        .iter()
        .filter_map(|(tool, flag)| tool_problem(tool, flag))
        .collect();
    if problems.is_empty() {
        return true;
    }
    let reason = problems.join("; ");
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test}: {reason}; CI must run the end-to-end tests (.ci/run installs the tools)");
    }
    // Straight to the process's stderr: the test harness would hide an
    // `eprintln!` of a passing test.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: {reason}; the end-to-end browser tests need tmux and pkill"
    );
    false
}

/// Skips the test (see [`terminal_tools_present`]) when tmux or pkill is missing.
macro_rules! needs_tmux {
    ($test:literal) => {
        if !terminal_tools_present($test) {
            return;
        }
    };
}

/// Fails clearly when tmux cannot be run at all.
fn require_tmux() {
    if let Some(problem) = tool_problem("tmux", "-V") {
        panic!("{problem}; this end-to-end test needs a working tmux");
    }
}

/// A private tmux server (its own socket) running the browser in one pane.
/// Dropping it kills the server, also when the test fails.
struct TmuxBrowser {
    socket: String,
    socket_path: Option<PathBuf>,
    exit_file: PathBuf,
    _dir: tempfile::TempDir,
}

impl TmuxBrowser {
    /// Starts `dealscope ARGS` in a detached WIDTHxHEIGHT session; once it
    /// ends, the shell writes `EXIT=<status>` to `exit_file`.
    fn start(test: &str, args: &[&str]) -> Self {
        Self::start_with_term(test, "xterm-256color", args)
    }

    /// `start` with another `TERM` (empty: unset).
    fn start_with_term(test: &str, term: &str, args: &[&str]) -> Self {
        require_tmux();
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
        let socket = format!(
            "dealscope-e2e-{}-{}-{}-{nanos}",
            std::process::id(),
            test,
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let exit_file = dir.path().join("exit-status");
        let config = dir.path().join("tmux.conf");
        // Our own config (not the user's): keep the pane after the program
        // ends so its exit state (dead, alternate screen off) can be read.
        std::fs::write(&config, "set -g remain-on-exit on\n").expect("write tmux.conf");

        // Never the real home: dealscope's own directories go to the temp dir.
        let xdg = |name: &str| sh_quote(dir.path().join(name).to_str().expect("UTF-8 temp path"));
        let term = if term.is_empty() { "-u TERM".to_string() } else { format!("TERM={}", sh_quote(term)) };
        let mut command = format!(
            "env {term} XDG_CACHE_HOME={} XDG_DATA_HOME={} XDG_CONFIG_HOME={} {}",
            xdg("cache"),
            xdg("data"),
            xdg("config"),
            sh_quote(BIN)
        );
        for arg in args {
            command.push(' ');
            command.push_str(&sh_quote(arg));
        }
        let mut browser = TmuxBrowser { socket, socket_path: None, exit_file, _dir: dir };
        let script = format!(
            // The short pause lets tmux read the last output of a program
            // that exits at once before the pane is marked dead.
            "{command}; echo \"EXIT=$?\" > {}; sleep 0.3",
            sh_quote(browser.exit_file.to_str().expect("UTF-8 temp path"))
        );
        let (width, height) = (WIDTH.to_string(), HEIGHT.to_string());
        browser.tmux_ok(&[
            "-f",
            config.to_str().expect("UTF-8 temp path"),
            "new-session",
            "-d",
            "-s",
            SESSION,
            "-x",
            &width,
            "-y",
            &height,
            "sh",
            "-c",
            &script,
        ]);
        browser.socket_path = Some(PathBuf::from(browser.display("#{socket_path}")));
        browser
    }

    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .output()
            .unwrap_or_else(|e| panic!("cannot run tmux {args:?}: {e}"))
    }

    fn tmux_ok(&self, args: &[&str]) -> String {
        let out = self.tmux(args);
        assert!(
            out.status.success(),
            "tmux {args:?} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn capture(&self) -> String {
        self.tmux_ok(&["capture-pane", "-p", "-t", SESSION])
    }

    fn display(&self, format: &str) -> String {
        self.tmux_ok(&["display-message", "-p", "-t", SESSION, format]).trim_end().to_string()
    }

    fn send_text(&self, text: &str) {
        self.tmux_ok(&["send-keys", "-t", SESSION, "-l", text]);
    }

    fn send_key(&self, key: &str) {
        self.tmux_ok(&["send-keys", "-t", SESSION, key]);
    }

    fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        self.tmux_ok(&["resize-window", "-t", SESSION, "-x", &w, "-y", &h]);
        let size = self.display("#{window_width}x#{window_height}");
        assert_eq!(size, format!("{width}x{height}"), "tmux did not resize the window");
    }

    /// Polls the pane until `ready` holds for its text; returns that screen.
    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if ready(&screen) {
                return screen;
            }
            if start.elapsed() > WAIT {
                panic!(
                    "timed out after {WAIT:?} waiting for {what}; pane dead: {}, exit file: {:?}; \
                     last screen:\n{screen}",
                    self.display("#{pane_dead}"),
                    self.exit_status()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Polls until the shell has written the program's exit line.
    fn wait_for_exit(&self) -> String {
        let start = Instant::now();
        loop {
            if let Some(status) = self.exit_status() {
                return status;
            }
            if start.elapsed() > WAIT {
                panic!(
                    "timed out after {WAIT:?} waiting for the program to exit; last screen:\n{}",
                    self.capture()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// The complete `EXIT=<status>` line, once written.
    fn exit_status(&self) -> Option<String> {
        let text = std::fs::read_to_string(&self.exit_file).ok()?;
        text.ends_with('\n').then(|| text.trim_end().to_string())
    }

    /// Fails unless the program is still running in a live pane.
    fn assert_alive(&self, when: &str, screen: &str) {
        assert_eq!(
            self.display("#{pane_dead}"),
            "0",
            "the pane died {when}; exit file: {:?}; screen:\n{screen}",
            self.exit_status()
        );
        assert_eq!(
            self.exit_status(),
            None,
            "the program exited {when}; screen:\n{screen}\nnow:\n{}",
            self.capture()
        );
    }
}

impl Drop for TmuxBrowser {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
        if let Some(path) = &self.socket_path {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The status bar: the last line with anything on it.
fn status_line(screen: &str) -> &str {
    screen.lines().rev().find(|line| !line.trim().is_empty()).unwrap_or("")
}

/// The status bar's first item, `{shown}/{total}`.
fn count(screen: &str) -> Option<(usize, usize)> {
    let first = status_line(screen).split_whitespace().next()?;
    let (shown, total) = first.split_once('/')?;
    Some((shown.parse().ok()?, total.parse().ok()?))
}

/// The status bar shows `shown/total` and the load has finished.
fn shows(screen: &str, shown: usize, total: usize) -> bool {
    count(screen) == Some((shown, total)) && !status_line(screen).contains("loading")
}

/// A facet breadcrumb (`@xx`) follows the count in the status bar.
fn country_crumb(screen: &str) -> Option<&str> {
    status_line(screen).split_whitespace().skip(1).find(|word| word.starts_with('@'))
}

/// Proof that the program repainted at `width` columns (tmux itself only
/// crops or pads the old screen on a resize): a row exactly that wide ending
/// in a pane's right border.
fn drawn_at_width(screen: &str, width: usize) -> bool {
    screen.lines().any(|line| line.width() == width && line.ends_with(['┐', '┤', '┘', '│', '╮', '╯']))
}

fn has_borders(screen: &str) -> bool {
    screen.contains(['┌', '┐', '└', '┘'])
}

#[test]
fn browser_in_tmux_filters_resizes_and_quits_cleanly() {
    needs_tmux!("browser_in_tmux_filters_resizes_and_quits_cleanly");
    let tmux = TmuxBrowser::start("flow", &[]);

    // 1. The five embedded samples are loaded.
    tmux.wait_for("the status bar to show 5/5", |s| shows(s, 5, 5));

    // 2. A fuzzy word finds the Korea article.
    tmux.send_text("/coree");
    tmux.wait_for("`/coree` to show 1/5 and the Korea article's title", |s| {
        shows(s, 1, 5) && s.contains(KOREA_TITLE)
    });

    // 3. Esc clears the filter.
    tmux.send_key("Escape");
    tmux.wait_for("Esc to clear `coree` back to 5/5", |s| shows(s, 5, 5));

    // 4. The country facet.
    tmux.send_text("/@kr");
    tmux.wait_for("`/@kr` to show 1/5", |s| shows(s, 1, 5));
    tmux.send_key("Escape");
    tmux.wait_for("Esc to clear `@kr` back to 5/5", |s| shows(s, 5, 5));

    // 5. `]` selects a country: fewer rows and an `@` breadcrumb.
    tmux.send_key("]");
    let screen = tmux.wait_for("`]` to narrow to 1/5 with an @ breadcrumb", |s| {
        shows(s, 1, 5) && country_crumb(s).is_some()
    });
    let crumb = country_crumb(&screen).unwrap().to_string();
    assert!(count(&screen).is_some_and(|(shown, _)| shown < 5), "{screen}");

    // 6. Help opens and closes.
    tmux.send_key("?");
    tmux.wait_for("`?` to open the help overlay", |s| s.contains("Help"));
    tmux.send_key("?");
    tmux.wait_for("`?` to close the help overlay", |s| !s.contains("Help") && shows(s, 1, 5));

    // 7. Tiny terminals do not crash it, and the filter survives.
    tmux.resize(20, 6);
    let screen = tmux.wait_for("a repaint at 20x6", |s| drawn_at_width(s, 20));
    tmux.assert_alive("at 20x6", &screen);
    tmux.resize(1, 1);
    // tmux crops the old screen to a blank cell; the program paints it.
    let screen = tmux.wait_for("a repaint at 1x1", |s| !s.trim().is_empty());
    tmux.assert_alive("at 1x1", &screen);
    tmux.resize(WIDTH, HEIGHT);
    let screen = tmux.wait_for("a repaint at 120x40 still filtered to 1/5", |s| {
        drawn_at_width(s, WIDTH.into()) && shows(s, 1, 5)
    });
    tmux.assert_alive("after growing back to 120x40", &screen);
    assert_eq!(country_crumb(&screen), Some(crumb.as_str()), "the country filter was lost:\n{screen}");

    // 8. `q` exits 0 and gives the terminal back.
    tmux.send_key("q");
    let status = tmux.wait_for_exit();
    assert_eq!(status, "EXIT=0", "screen after q:\n{}", tmux.capture());
    let screen =
        tmux.wait_for("the pane to end after the program exits", |_| tmux.display("#{pane_dead}") == "1");
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "0",
        "the alternate screen is still on after q; screen:\n{screen}"
    );
    assert!(!has_borders(&screen), "the browser is still on screen after q:\n{screen}");
}

#[test]
fn missing_path_exits_2_naming_it_without_touching_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no such articles");
    let out = Command::new(BIN).arg(&missing).env("TERM", "xterm-256color").output().expect("run dealscope");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stdout: {stdout:?}\nstderr: {stderr:?}");
    let named = missing.to_str().expect("UTF-8 temp path");
    assert!(stderr.contains(named), "the message does not name {named:?}: {stderr:?}");
    assert!(stdout.is_empty(), "nothing belongs on stdout: {stdout:?}");
    for (name, text) in [("stdout", &stdout), ("stderr", &stderr)] {
        assert!(!text.contains("\x1b[?1049h"), "{name} entered the alternate screen: {text:?}");
        assert!(!text.contains('\x1b'), "{name} holds terminal escapes: {text:?}");
    }
}

/// Sends `signal` to the browser (the child of the pane's shell).
fn kill(tmux: &TmuxBrowser, signal: &str) {
    let shell = tmux.display("#{pane_pid}");
    let sent =
        std::process::Command::new("pkill").args([&format!("-{signal}"), "-P", &shell]).status().unwrap();
    assert!(sent.success(), "pkill found no child of the pane's shell {shell}");
}

#[test]
fn signals_restore_the_terminal_and_exit_128_plus_the_signal() {
    needs_tmux!("signals_restore_the_terminal_and_exit_128_plus_the_signal");
    for (signal, code) in [("TERM", 143), ("INT", 130), ("QUIT", 131), ("HUP", 129)] {
        let tmux = TmuxBrowser::start("signal", &[]);
        tmux.wait_for("the status bar to show 5/5", |s| shows(s, 5, 5));
        kill(&tmux, signal);
        let status = tmux.wait_for_exit();
        assert_eq!(status, format!("EXIT={code}"), "SIG{signal}:\n{}", tmux.capture());
        tmux.wait_for("the pane to end", |_| tmux.display("#{pane_dead}") == "1");
        assert_eq!(tmux.display("#{alternate_on}"), "0", "alternate screen left on after SIG{signal}");
    }
}

#[test]
fn sigtstp_gives_the_terminal_back_and_sigcont_redraws() {
    needs_tmux!("sigtstp_gives_the_terminal_back_and_sigcont_redraws");
    let tmux = TmuxBrowser::start("tstp", &[]);
    tmux.wait_for("the status bar to show 5/5", |s| shows(s, 5, 5));
    kill(&tmux, "TSTP");
    tmux.wait_for("the terminal given back (alternate screen off)", |_| {
        tmux.display("#{alternate_on}") == "0"
    });
    kill(&tmux, "CONT");
    tmux.wait_for("the browser redrawn after SIGCONT", |s| {
        tmux.display("#{alternate_on}") == "1" && shows(s, 5, 5) && has_borders(s)
    });
    // Keys work again: raw mode is back.
    tmux.send_text("/coree");
    tmux.wait_for("`/coree` after the suspension", |s| shows(s, 1, 5));
    tmux.send_key("Escape");
    tmux.wait_for("Esc back to 5/5", |s| shows(s, 5, 5));
    // Ctrl-z does the same from the keyboard.
    tmux.send_key("C-z");
    tmux.wait_for("Ctrl-z to give the terminal back", |_| tmux.display("#{alternate_on}") == "0");
    kill(&tmux, "CONT");
    tmux.wait_for("the browser redrawn after Ctrl-z and SIGCONT", |s| shows(s, 5, 5) && has_borders(s));
    tmux.send_key("q");
    assert_eq!(tmux.wait_for_exit(), "EXIT=0");
}

/// The deal table's rows: lines of the Deals pane after its header.
fn deal_rows(screen: &str) -> Vec<String> {
    let mut rows = Vec::new();
    let mut in_table = false;
    for line in screen.lines() {
        if line.contains("cc date") || line.contains("cc kind") {
            in_table = true;
            continue;
        }
        if in_table {
            let cells: String = line.split('│').nth(3).map(str::trim).unwrap_or("").to_string();
            if cells.is_empty() {
                break;
            }
            rows.push(cells);
        }
    }
    rows
}

#[test]
fn deals_view_in_tmux_sorts_by_value() {
    needs_tmux!("deals_view_in_tmux_sorts_by_value");
    let tmux = TmuxBrowser::start("deals", &[]);
    tmux.wait_for("the status bar to show 5/5", |s| shows(s, 5, 5));

    // `2`: the Deals view with the samples' seven deals.
    tmux.send_key("2");
    let screen = tmux.wait_for("the Deals view with 7 deals", |s| {
        count(s).is_some_and(|(shown, _)| shown >= 7)
            && status_line(s).contains("deals")
            && deal_rows(s).len() >= 7
    });
    for kind in [
        "partnership",
        "export-control",
        "r-and-d",
        "acquisition",
        "data-centre",
        "supercomputer",
        "chip-supply",
    ] {
        assert!(screen.contains(kind), "no {kind} deal on screen:\n{screen}");
    }

    // `s`: by value, biggest first: the Dutch supercomputer (€204.5M), then
    // FPT's $200M AI factory.
    tmux.send_key("s");
    let screen = tmux.wait_for("the deals sorted by value", |s| status_line(s).contains("sort value"));
    let rows = deal_rows(&screen);
    assert!(
        rows[0].starts_with("NL") && rows[0].contains("supercomputer"),
        "first row {:?}:\n{screen}",
        rows[0]
    );
    assert!(rows[1].starts_with("VN") && rows[1].contains("$200M"), "second row {:?}:\n{screen}", rows[1]);

    // Enter: the first deal's card shows the value in euros.
    tmux.send_key("Enter");
    let card = tmux.wait_for("the Dutch deal's card", |s| s.contains("€204.5M") && s.contains("Evidence"));

    // Esc and q sent together read as Alt-q: wait for Esc to be handled.
    tmux.send_key("Escape");
    tmux.wait_for("Esc to leave the card", |s| s != card);
    tmux.send_key("q");
    assert_eq!(tmux.wait_for_exit(), "EXIT=0");
}

#[test]
fn dumb_or_missing_term_is_refused_politely() {
    needs_tmux!("dumb_or_missing_term_is_refused_politely");
    for term in ["dumb", ""] {
        let tmux = TmuxBrowser::start_with_term("dumb", term, &[]);
        let screen = tmux.wait_for("the refusal", |s| s.contains("cannot show the browser"));
        let status = tmux.wait_for_exit();
        assert_eq!(status, "EXIT=2", "TERM={term:?}:\n{screen}");
        assert!(!has_borders(&screen), "TERM={term:?} drew the browser:\n{screen}");
    }
}
