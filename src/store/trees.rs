//! The sled trees of a store and the folder that holds sled's files.

/// Sub-directory of the store directory that holds sled's own files.
pub const DB_DIR: &str = "sled";

/// The trees of a store (crate-internal: migrations, backups and checks work on them).
pub(crate) struct Trees {
    pub(crate) suppliers: sled::Tree,
    pub(crate) needs: sled::Tree,
    pub(crate) shortlist: sled::Tree,
    pub(crate) forum_days: sled::Tree,
    pub(crate) meetings: sled::Tree,
    pub(crate) outcomes: sled::Tree,
    pub(crate) journal: sled::Tree,
    pub(crate) meta: sled::Tree,
    pub(crate) identity: sled::Tree,
    pub(crate) slots: sled::Tree,
    pub(crate) undo: sled::Tree,
    pub(crate) buyers: sled::Tree,
}

impl Trees {
    /// Opens (creating) every tree of `db`.
    pub(crate) fn open(db: &sled::Db) -> sled::Result<Self> {
        Ok(Trees {
            suppliers: db.open_tree("suppliers")?,
            needs: db.open_tree("needs")?,
            shortlist: db.open_tree("shortlist")?,
            forum_days: db.open_tree("forum_days")?,
            meetings: db.open_tree("meetings")?,
            outcomes: db.open_tree("outcomes")?,
            journal: db.open_tree("journal")?,
            meta: db.open_tree("meta")?,
            identity: db.open_tree("identity")?,
            slots: db.open_tree("slots")?,
            undo: db.open_tree("undo")?,
            buyers: db.open_tree("buyers")?,
        })
    }
}
