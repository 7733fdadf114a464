//! Is the terminal's locale UTF-8? Under `LANG=C` or a Latin-1 locale the terminal usually
//! sends and shows Latin-1: keys are still decoded (see [`super::input::decode`]), but
//! accents on screen are garbled, so the app shows a one-line ASCII banner saying how to
//! fix it.

/// The POSIX rule for the character set: the first non-empty of `LC_ALL`, `LC_CTYPE`,
/// `LANG` decides; none at all means the "C" locale. Returns `None` when that locale is
/// UTF-8, else `Some("NAME=value")` naming the setting that decided (`"LANG="` when none is
/// set), reduced to printable ASCII and at most 40 characters, ready for the banner.
///
/// A locale is UTF-8 when its codeset (after `.`, before `@`; the whole value when it has
/// no `.`, as macOS's `LC_CTYPE=UTF-8`) is `UTF-8` or `utf8`, in any case.
pub fn non_utf8_locale(
    lc_all: Option<&str>,
    lc_ctype: Option<&str>,
    lang: Option<&str>,
) -> Option<String> {
    let chosen = [("LC_ALL", lc_all), ("LC_CTYPE", lc_ctype), ("LANG", lang)]
        .into_iter()
        .find_map(|(name, v)| v.filter(|v| !v.is_empty()).map(|v| (name, v)));
    let (name, value) = chosen.unwrap_or(("LANG", ""));
    let no_modifier = value.split('@').next().unwrap_or("");
    let codeset = match no_modifier.split_once('.') {
        Some((_, cs)) => cs,
        None => no_modifier,
    };
    let folded: String = codeset
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect();
    if folded == "utf8" {
        return None;
    }
    let shown: String = format!("{name}={value}")
        .chars()
        .filter(|c| c.is_ascii_graphic())
        .take(40)
        .collect();
    Some(shown)
}

/// [`non_utf8_locale`] on this process's environment.
pub fn non_utf8_locale_from_env() -> Option<String> {
    let get = |k: &str| std::env::var_os(k).map(|v| v.to_string_lossy().into_owned());
    let (all, ctype, lang) = (get("LC_ALL"), get("LC_CTYPE"), get("LANG"));
    non_utf8_locale(all.as_deref(), ctype.as_deref(), lang.as_deref())
}

#[cfg(test)]
mod tests {
    use super::non_utf8_locale as check;

    #[test]
    fn utf8_locales_are_recognised_in_their_usual_spellings() {
        for v in [
            "fr_FR.UTF-8",
            "fr_FR.utf8",
            "C.UTF-8",
            "en_US.Utf-8",
            "fr_FR.UTF-8@euro",
            "UTF-8",
        ] {
            assert_eq!(check(None, None, Some(v)), None, "{v}");
        }
    }

    #[test]
    fn other_locales_are_named_with_the_setting_that_decided() {
        assert_eq!(check(None, None, Some("C")), Some("LANG=C".into()));
        assert_eq!(check(None, None, Some("POSIX")), Some("LANG=POSIX".into()));
        assert_eq!(
            check(None, None, Some("fr_FR.ISO-8859-1")),
            Some("LANG=fr_FR.ISO-8859-1".into())
        );
        assert_eq!(
            check(None, None, Some("fr_FR@euro")),
            Some("LANG=fr_FR@euro".into())
        );
        // Nothing set: the C locale.
        assert_eq!(check(None, None, None), Some("LANG=".into()));
        assert_eq!(check(Some(""), Some(""), Some("")), Some("LANG=".into()));
    }

    #[test]
    fn the_first_non_empty_of_lc_all_lc_ctype_lang_decides() {
        // LC_ALL overrides a UTF-8 LANG…
        assert_eq!(
            check(Some("C"), None, Some("fr_FR.UTF-8")),
            Some("LC_ALL=C".into())
        );
        // …and a UTF-8 LC_ALL overrides a C LANG.
        assert_eq!(check(Some("fr_FR.UTF-8"), Some("C"), Some("C")), None);
        // An empty LC_ALL is skipped: LC_CTYPE decides.
        assert_eq!(
            check(Some(""), Some("fr_FR.ISO8859-15"), Some("fr_FR.UTF-8")),
            Some("LC_CTYPE=fr_FR.ISO8859-15".into())
        );
        assert_eq!(check(Some(""), Some("C.UTF-8"), Some("C")), None);
    }

    #[test]
    fn the_name_shown_is_plain_short_ascii() {
        let shown = check(
            None,
            None,
            Some("fr\u{1b}[2J_FRé.latin9 with spaces and more text"),
        )
        .unwrap_or_default();
        assert!(shown.is_ascii() && !shown.contains('\u{1b}') && !shown.contains(' '));
        assert!(shown.chars().count() <= 40);
    }
}
