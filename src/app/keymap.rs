//! The key map: one table that turns keys into actions and also feeds the
//! help overlay and the status-bar hints.

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyContext {
    /// Everywhere, even while typing in the filter box or with help open.
    Anywhere,
    /// In the facets, list and reader panes (not while typing a filter).
    Browsing,
    /// Like `Browsing`: switching views and ordering lists (its own help section).
    Views,
    /// Only in the reader.
    Reader,
    /// Only in the facets pane.
    Facets,
    /// While the filter box has focus.
    Filter,
    /// While the help overlay is open.
    Help,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn plain(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::NONE }
}

const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), modifiers: KeyModifiers::CONTROL }
}

/// One row of the key map.
pub struct Binding {
    pub context: KeyContext,
    pub keys: &'static [Key],
    pub action: Action,
    /// What the help overlay says.
    pub help: &'static str,
    /// Short label for the status bar, for the few bindings worth a hint.
    pub hint: Option<&'static str>,
}

const fn bind(context: KeyContext, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding { context, keys, action, help, hint: None }
}

const fn hinted(
    context: KeyContext,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: &'static str,
) -> Binding {
    Binding { context, keys, action, help, hint: Some(hint) }
}

use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};
use KeyContext::{Anywhere, Browsing, Facets, Filter, Help, Reader, Views};

/// The default key map. Earlier rows win when two apply.
pub static BINDINGS: &[Binding] = &[
    bind(Anywhere, &[ctrl('c')], Action::Quit, "quit from anywhere"),
    bind(Anywhere, &[ctrl('z')], Action::Suspend, "suspend to the shell (fg brings it back)"),
    bind(Help, &[plain(Esc), ch('?'), ch('q')], Action::ToggleHelp, "close this help"),
    // Filter box editing.
    bind(Filter, &[plain(Enter)], Action::Open, "keep the filter, back to the list"),
    bind(Filter, &[plain(Esc)], Action::Back, "clear the filter, back to the list"),
    bind(Filter, &[ctrl('u')], Action::FilterClearLine, "clear the filter line"),
    bind(Filter, &[plain(Backspace)], Action::FilterBackspace, "delete before the cursor"),
    bind(Filter, &[plain(Delete)], Action::FilterDelete, "delete under the cursor"),
    bind(Filter, &[plain(Left)], Action::FilterLeft, "cursor left"),
    bind(Filter, &[plain(Right)], Action::FilterRight, "cursor right"),
    bind(Filter, &[plain(Home), ctrl('a')], Action::FilterHome, "cursor to start"),
    bind(Filter, &[plain(End), ctrl('e')], Action::FilterEnd, "cursor to end"),
    bind(Filter, &[plain(Down), plain(Tab)], Action::Open, "back to the list"),
    // Browsing.
    hinted(Browsing, &[ch('q')], Action::Quit, "quit", "quit"),
    hinted(Browsing, &[ch('?')], Action::ToggleHelp, "help", "help"),
    hinted(
        Browsing,
        &[ch('/')],
        Action::FocusFilter,
        "filter (type to narrow, Enter keeps, Esc clears)",
        "filter",
    ),
    bind(Browsing, &[ch('j'), plain(Down)], Action::MoveDown, "down / scroll down"),
    bind(Browsing, &[ch('k'), plain(Up)], Action::MoveUp, "up / scroll up"),
    bind(Browsing, &[ch('g'), plain(Home)], Action::Top, "first row / top"),
    bind(
        Browsing,
        &[ch('G'), Key { code: KeyCode::Char('G'), modifiers: KeyModifiers::SHIFT }, plain(End)],
        Action::Bottom,
        "last row / bottom",
    ),
    bind(Browsing, &[ctrl('d'), plain(PageDown)], Action::PageDown, "half a page down"),
    bind(Browsing, &[ctrl('u'), plain(PageUp)], Action::PageUp, "half a page up"),
    bind(Browsing, &[plain(Tab)], Action::FocusNext, "next pane"),
    bind(
        Browsing,
        &[plain(BackTab), Key { code: BackTab, modifiers: KeyModifiers::SHIFT }],
        Action::FocusPrev,
        "previous pane",
    ),
    bind(Browsing, &[ch('h'), plain(Left)], Action::FocusLeft, "pane to the left"),
    bind(Browsing, &[ch('l'), plain(Right)], Action::FocusRight, "pane to the right"),
    bind(Facets, &[ch(' ')], Action::ToggleFacet, "toggle the facet value"),
    hinted(Browsing, &[plain(Enter)], Action::Open, "open the article / toggle a facet value", "open"),
    bind(Browsing, &[plain(Esc)], Action::Back, "back (reader to list on narrow screens)"),
    hinted(Browsing, &[ch(']')], Action::NextCountry, "next country as the country filter", "country"),
    bind(Browsing, &[ch('[')], Action::PrevCountry, "previous country as the country filter"),
    bind(Browsing, &[ch('c')], Action::FocusCountries, "countries facet (Enter/Space toggles)"),
    bind(Browsing, &[ch('t')], Action::FocusTopics, "topics facet (Enter/Space toggles)"),
    hinted(Browsing, &[ch('x')], Action::ClearFacets, "clear all facets", "clear"),
    bind(Reader, &[ch('n')], Action::NextMatch, "next occurrence of the filter's words"),
    bind(
        Reader,
        &[ch('N'), Key { code: KeyCode::Char('N'), modifiers: KeyModifiers::SHIFT }],
        Action::PrevMatch,
        "previous occurrence of the filter's words",
    ),
    bind(Browsing, &[ch('w')], Action::ToggleWarnings, "list the files skipped while loading"),
    hinted(Views, &[ch('1')], Action::ShowArticles, "Articles view", "articles"),
    hinted(Views, &[ch('2')], Action::ShowDeals, "Deals view", "deals"),
    bind(
        Views,
        &[ch('s')],
        Action::CycleSort,
        "next sort column (articles: relevance, date, value, country, title; deals: date, value, country, status)",
    ),
    bind(
        Views,
        &[ch('S'), Key { code: KeyCode::Char('S'), modifiers: KeyModifiers::SHIFT }],
        Action::ReverseSort,
        "reverse the sort",
    ),
];

/// What the user is doing, which decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputMode {
    pub typing_filter: bool,
    pub help_open: bool,
    pub in_reader: bool,
    pub in_facets: bool,
}

fn applies(context: KeyContext, mode: InputMode) -> bool {
    match context {
        Anywhere => true,
        Help => mode.help_open,
        _ if mode.help_open => false,
        Filter => mode.typing_filter,
        _ if mode.typing_filter => false,
        Browsing | Views => true,
        Reader => mode.in_reader,
        Facets => mode.in_facets,
    }
}

/// The action for a key press, if any.
pub fn action_for(event: KeyEvent, mode: InputMode) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let pressed = Key { code: event.code, modifiers: event.modifiers };
    // Terminals differ on whether an upper-case letter carries SHIFT.
    let unshifted = Key { code: event.code, modifiers: event.modifiers - KeyModifiers::SHIFT };
    let found = BINDINGS
        .iter()
        .filter(|b| applies(b.context, mode))
        .find(|b| {
            b.keys.iter().any(|k| *k == pressed || (matches!(k.code, KeyCode::Char(_)) && *k == unshifted))
        })
        .map(|b| b.action.clone());
    if found.is_some() {
        return found;
    }
    match event.code {
        KeyCode::Char(c)
            if mode.typing_filter
                && !mode.help_open
                && !event.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::FilterInsert(c))
        }
        _ => None,
    }
}

/// How a key is written in help and hints: `j`, `Ctrl-d`, `PgDn`, `Space`.
pub fn key_label(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        Enter => "Enter".into(),
        Esc => "Esc".into(),
        Tab => "Tab".into(),
        BackTab => "Shift-Tab".into(),
        Backspace => "Backspace".into(),
        Delete => "Del".into(),
        Up => "↑".into(),
        Down => "↓".into(),
        Left => "←".into(),
        Right => "→".into(),
        Home => "Home".into(),
        End => "End".into(),
        PageUp => "PgUp".into(),
        PageDown => "PgDn".into(),
        other => format!("{other:?}"),
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) { format!("Ctrl-{base}") } else { base }
}

/// The keys of a binding as one label, shifted duplicates left out.
pub fn keys_label(binding: &Binding) -> String {
    let mut labels: Vec<String> = Vec::new();
    for key in binding.keys {
        let label = key_label(key);
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    labels.join(" ")
}

/// Status-bar hints: (keys, label) for the bindings that carry one.
pub fn hints() -> Vec<(String, &'static str)> {
    BINDINGS.iter().filter_map(|b| b.hint.map(|h| (key_label(&b.keys[0]), h))).collect()
}

/// Help overlay rows: (section, keys, what it does).
pub fn help_rows() -> Vec<(&'static str, String, &'static str)> {
    BINDINGS
        .iter()
        .map(|b| {
            let section = match b.context {
                Anywhere | Browsing => "General",
                Views => "Views and order",
                Reader => "Reader",
                Facets => "Facets",
                Filter => "Filter box",
                Help => "Help",
            };
            (section, keys_label(b), b.help)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    const BROWSING: InputMode =
        InputMode { typing_filter: false, help_open: false, in_reader: false, in_facets: false };
    const TYPING: InputMode =
        InputMode { typing_filter: true, help_open: false, in_reader: false, in_facets: false };
    const HELP: InputMode =
        InputMode { typing_filter: false, help_open: true, in_reader: false, in_facets: false };
    const READER: InputMode =
        InputMode { typing_filter: false, help_open: false, in_reader: true, in_facets: false };

    #[test]
    fn keys_map_to_actions_by_context() {
        let none = KeyModifiers::NONE;
        let cases: Vec<(KeyEvent, InputMode, Option<&str>)> = vec![
            (key(KeyCode::Char('q'), none), BROWSING, Some("Quit")),
            (key(KeyCode::Char('q'), none), TYPING, Some("FilterInsert('q')")),
            (key(KeyCode::Char('c'), KeyModifiers::CONTROL), TYPING, Some("Quit")),
            (key(KeyCode::Char('u'), KeyModifiers::CONTROL), TYPING, Some("FilterClearLine")),
            (key(KeyCode::Char('u'), KeyModifiers::CONTROL), BROWSING, Some("PageUp")),
            (key(KeyCode::Char('j'), none), BROWSING, Some("MoveDown")),
            (key(KeyCode::Char('G'), KeyModifiers::SHIFT), BROWSING, Some("Bottom")),
            (key(KeyCode::Char('n'), none), BROWSING, None),
            (key(KeyCode::Char('n'), none), READER, Some("NextMatch")),
            (key(KeyCode::Char('N'), KeyModifiers::SHIFT), READER, Some("PrevMatch")),
            (key(KeyCode::Esc, none), HELP, Some("ToggleHelp")),
            (key(KeyCode::Char('j'), none), HELP, None),
            (key(KeyCode::Char(']'), none), BROWSING, Some("NextCountry")),
            (key(KeyCode::Char('é'), none), TYPING, Some("FilterInsert('é')")),
            (key(KeyCode::F(5), none), BROWSING, None),
            (key(KeyCode::Char('2'), none), BROWSING, Some("ShowDeals")),
            (key(KeyCode::Char('1'), none), READER, Some("ShowArticles")),
            (key(KeyCode::Char('2'), none), TYPING, Some("FilterInsert('2')")),
            (key(KeyCode::Char('s'), none), BROWSING, Some("CycleSort")),
            (key(KeyCode::Char('S'), KeyModifiers::SHIFT), BROWSING, Some("ReverseSort")),
        ];
        for (event, mode, expected) in cases {
            let got = action_for(event, mode).map(|a| format!("{a:?}"));
            assert_eq!(got.as_deref(), expected, "{event:?} in {mode:?}");
        }
    }

    #[test]
    fn help_and_hints_come_from_the_table() {
        let rows = help_rows();
        assert_eq!(rows.len(), BINDINGS.len());
        assert!(rows.iter().any(|(_, keys, help)| keys == "j ↓" && help.contains("down")));
        let hints = hints();
        assert!(hints.contains(&("?".to_string(), "help")));
        assert!(hints.contains(&("/".to_string(), "filter")));
    }
}
