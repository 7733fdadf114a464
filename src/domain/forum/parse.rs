//! Reading a day's settings as organisers type them: "9:00", "9h", "12h30",
//! "Déjeuner 12:30–13:30", "Salle Seine @ 2e étage".

use super::Break;
use jiff::civil::Time;

/// A local time written "9:00", "09:00", "9h", "9h30", "9 h 30" or "09.30".
/// None when it is not a time of day.
pub fn time(s: &str) -> Option<Time> {
    let s: String = s
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let (h, m) = match s.find([':', 'h', '.']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s.as_str(), ""),
    };
    let h: i8 = h.parse().ok().filter(|h| (0..=23).contains(h))?;
    let m: i8 = if m.is_empty() {
        0
    } else if m.len() == 2 {
        m.parse().ok().filter(|m| (0..=59).contains(m))?
    } else {
        return None;
    };
    Time::new(h, m, 0, 0).ok()
}

/// A break written "Déjeuner 12:30–13:30", "12:30-13:30 Déjeuner" or "12h30-13h30"
/// (dash, en dash or "à" between the times). None when no range of two times is found.
pub fn break_spec(s: &str) -> Option<Break> {
    let words: Vec<&str> = s.split_whitespace().collect();
    // Try each run of words as the range, the rest as the label.
    for i in 0..words.len() {
        for j in (i + 1..=words.len()).rev() {
            let range = words[i..j].join(" ");
            if let Some((start, end)) = range_of(&range) {
                let label = words[..i]
                    .iter()
                    .chain(&words[j..])
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                return Some(Break { start, end, label });
            }
        }
    }
    None
}

/// A range of two times "14:00–17:00", "14h-17h", "14:00 à 17:00" (dash, en or em dash,
/// or "à"); None otherwise.
pub fn range_of(s: &str) -> Option<(Time, Time)> {
    for sep in ["–", "—", "-", " à ", " a "] {
        if let Some((a, b)) = s.split_once(sep) {
            if let (Some(a), Some(b)) = (time(a), time(b)) {
                return Some((a, b));
            }
        }
    }
    None
}

/// A table written "Salle Seine" or "Salle Seine @ 2e étage": (name, room).
pub fn table_spec(s: &str) -> (String, String) {
    match s.split_once('@') {
        Some((name, room)) => (name.trim().to_string(), room.trim().to_string()),
        None => (s.trim().to_string(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn times_as_organisers_write_them() {
        for (s, h, m) in [
            ("9:00", 9, 0),
            ("09:30", 9, 30),
            ("9h", 9, 0),
            ("12h30", 12, 30),
            ("9 h 30", 9, 30),
            ("17.45", 17, 45),
        ] {
            assert_eq!(time(s), Some(Time::constant(h, m, 0, 0)), "{s}");
        }
        for s in ["", "25:00", "9:5", "midi", "9:60", "-1"] {
            assert_eq!(time(s), None, "{s}");
        }
    }

    #[test]
    fn breaks_with_their_label_on_either_side() {
        let b = break_spec("Déjeuner 12:30–13:30").unwrap();
        assert_eq!(
            (b.start, b.end, b.label.as_str()),
            (
                Time::constant(12, 30, 0, 0),
                Time::constant(13, 30, 0, 0),
                "Déjeuner"
            )
        );
        let b = break_spec("10h30-10h45 Pause café").unwrap();
        assert_eq!(b.label, "Pause café");
        assert_eq!(b.end, Time::constant(10, 45, 0, 0));
        let b = break_spec("Plénière 14:00 à 15:00").unwrap();
        assert_eq!(b.start, Time::constant(14, 0, 0, 0));
        assert_eq!(b.label, "Plénière");
        assert!(break_spec("Déjeuner à midi").is_none());
    }

    #[test]
    fn tables_with_an_optional_room() {
        assert_eq!(
            table_spec("Salle Seine @ 2e étage"),
            ("Salle Seine".into(), "2e étage".into())
        );
        assert_eq!(table_spec(" Table 3 "), ("Table 3".into(), String::new()));
    }
}
