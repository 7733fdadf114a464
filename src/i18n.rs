//! All user-facing text in French and English.
