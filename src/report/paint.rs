//! Terminal colour for what people read (the text report, `rules list`, `rules show`):
//! the styles and the one switch. Whether it is on is decided once, by the app
//! (`--color`, `NO_COLOR`, the terminal); everything here only obeys it.

use std::borrow::Cow;

use crate::rules::Severity;

const RESET: &str = "\x1b[0m";
pub(crate) const BOLD: &str = "\x1b[1m";
pub(crate) const DIM: &str = "\x1b[2m";
const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";

/// Wraps text in a style when colour is on.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub on: bool,
}

impl Paint {
    /// `s` in `style`; as it is when colour is off or `s` is empty.
    pub fn paint<'a>(&self, style: &str, s: &'a str) -> Cow<'a, str> {
        if self.on && !s.is_empty() {
            Cow::Owned(format!("{style}{s}{RESET}"))
        } else {
            Cow::Borrowed(s)
        }
    }
}

/// The colour of a severity: red for critical and high, yellow for medium, cyan for low.
pub(crate) fn severity_style(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => RED,
        Severity::Medium => YELLOW,
        Severity::Low => CYAN,
    }
}
