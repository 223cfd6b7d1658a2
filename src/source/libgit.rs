//! How libgit2's errors are shown, for every module that reads git objects.

/// libgit2's message without the trailing full stop: how every libgit2 error is shown.
pub(crate) fn message(e: &git2::Error) -> String {
    e.message().trim_end_matches('.').to_string()
}
