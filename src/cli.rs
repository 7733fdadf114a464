//! Command line (clap). Exit codes: 0 ok, 1 error, 2 usage.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// sourcing — sourçage et forums de l'achat public innovant, au clavier.
#[derive(Debug, Parser)]
#[command(name = "sourcing", version, about, long_about = None)]
pub struct Cli {
    /// Dossier de données (par défaut : dossier de données XDG, ~/.local/share/sourcing).
    #[arg(long, global = true, env = "SOURCING_STORE", value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Langue de l'interface : fr (défaut) ou en. Sans option : LANG.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// Couleurs : auto (défaut, respecte NO_COLOR), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Socket du serveur de forum (par défaut : DIR/sourcing.sock) ; chaque commande s'y
    /// connecte quand un `sourcing serve` y répond (forum server socket).
    #[arg(long, global = true, env = "SOURCING_SOCKET", value_name = "PATH")]
    pub socket: Option<PathBuf>,
    /// Votre nom affiché dans l'interface, par exemple "Marie Dupuis" (par défaut : celui
    /// de la liste d'accès du forum, sinon votre login).
    #[arg(long, global = true, env = "SOURCING_BUYER_NAME", value_name = "NOM")]
    pub buyer_name: Option<String>,
    /// Sous-commande ; sans elle, ouvre l'interface sur le dossier de données.
    #[command(subcommand)]
    pub command: Option<Command>,
}

pub use crate::i18n::Lang;

/// Reads `--delimiter`: `,` `;` `tab` (or `\t`, a real tab, and the names comma,
/// semicolon, virgule, point-virgule, tabulation). Anything else is a usage error (exit 2).
pub fn parse_delimiter(s: &str) -> Result<u8, String> {
    if s == "\t" {
        return Ok(b'\t');
    }
    match s.trim().to_lowercase().as_str() {
        "," | "comma" | "virgule" => Ok(b','),
        ";" | "semicolon" | "point-virgule" | "pointvirgule" => Ok(b';'),
        "tab" | "\\t" | "tabulation" => Ok(b'\t'),
        _ => Err("choisissez ',', ';' ou 'tab' (choose ',', ';' or 'tab')".to_string()),
    }
}

/// Reads one `--map COLONNE=champ`: the column as written in the file and a known field
/// name (or `ignore`). A missing `=` or an unknown field is a usage error (exit 2), with the
/// catalogue's message (French, then English).
pub fn parse_map(s: &str) -> Result<(String, String), String> {
    use crate::i18n::Render;
    use crate::io::import::header::{parse_maps, split_map_option};
    let both = |e: &dyn Render| format!("{}\n{}", e.render(Lang::Fr), e.render(Lang::En));
    let pair = split_map_option(s).map_err(|e| both(&e))?;
    parse_maps(std::slice::from_ref(&pair)).map_err(|e| both(&e))?;
    Ok(pair)
}

impl Cli {
    /// Checks what clap cannot say in attributes: `--excel` applies to CSV only. Err is a
    /// usage error (exit 2) naming the options to change.
    pub fn validate(&self) -> Result<(), clap::Error> {
        if let Some(Command::Export(a)) = &self.command {
            let agenda = a.what == ExportWhat::Agenda;
            let fits = match a.format {
                ExportFormat::Ics | ExportFormat::Html => agenda,
                ExportFormat::Json | ExportFormat::Jsonl => !agenda,
                ExportFormat::Csv => true,
            };
            let whose = a.buyer.is_some() || a.supplier.is_some() || a.table.is_some() || a.all;
            if !fits || (whose && !agenda) {
                return Err(<Cli as clap::CommandFactory>::command().error(
                    clap::error::ErrorKind::ArgumentConflict,
                    "l'agenda s'exporte en ics, html ou csv (--buyer, --supplier, --table, --all) ; \
                     les autres exports en csv, json ou jsonl \
                     (agenda: ics, html or csv; other exports: csv, json or jsonl)",
                ));
            }
            if a.excel && a.format != ExportFormat::Csv {
                return Err(<Cli as clap::CommandFactory>::command().error(
                    clap::error::ErrorKind::ArgumentConflict,
                    "--excel ne s'applique qu'au CSV : ajoutez --format csv ou retirez --excel \
                     (--excel applies to CSV only: add --format csv or remove --excel)",
                ));
            }
        }
        Ok(())
    }
}

/// Colour choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Couleurs, sauf si NO_COLOR est défini.
    Auto,
    /// Toujours en couleurs.
    Always,
    /// Thème monochrome.
    Never,
}

/// Sub-commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ouvre l'interface sur un dossier temporaire chargé de l'annuaire réel embarqué.
    Demo,
    /// Importe des fournisseurs (CSV `,` `;` tabulation ; UTF-8, BOM ou Windows-1252 ; JSON lines).
    Import(ImportArgs),
    /// Cherche des fournisseurs (même langage de requête que l'interface).
    Search(SearchArgs),
    /// Classe les fournisseurs de l'annuaire pour un besoin (ou un fichier de besoins).
    Match(MatchArgs),
    /// Exporte des données.
    Export(ExportArgs),
    /// Chiffres du forum et rapport de sourçage.
    Report(ReportArgs),
    /// Dossier de données : vérifier, sauvegarder, restaurer, compacter (data folder: check,
    /// back up, restore, compact).
    #[command(subcommand)]
    Store(StoreCommand),
    /// Liste d'accès du forum : qui peut lire, écrire, organiser (access list: who may read,
    /// write, organise).
    #[command(subcommand)]
    Buyers(BuyersCommand),
    /// Journées du forum : créer, modifier, lister, supprimer (forum days: add, edit, list,
    /// remove).
    #[command(subcommand)]
    Day(DayCommand),
    /// Besoins : créer, lister, afficher, changer d'état (needs: add, list, show, status).
    #[command(subcommand)]
    Need(NeedCommand),
    /// Liste restreinte d'un besoin : ajouter un fournisseur (shortlist: add a supplier).
    #[command(subcommand)]
    Shortlist(ShortlistCommand),
    /// Rendez-vous : planifier, lister, annuler, commencer, terminer (meetings).
    #[command(subcommand)]
    Meeting(MeetingCommand),
    /// Planning de l'organisateur pour une journée, à partir des demandes « à rencontrer »
    /// de tous les besoins ouverts : aperçu, ou --apply pour planifier (organiser's schedule).
    Schedule(ScheduleArgs),
    /// Serveur de forum : garde le dossier de données et sert chaque acheteur en direct sur
    /// un socket Unix (forum server: every buyer live on one store).
    Serve,
    /// Génère les complétions du shell.
    Completions {
        /// Shell : bash, zsh, fish, powershell, elvish.
        shell: clap_complete::Shell,
    },
}

/// `sourcing schedule`.
#[derive(Debug, clap::Args)]
pub struct ScheduleArgs {
    /// Journée : 2027-03-16 ou 16/03/2027.
    #[arg(value_parser = parse_date_arg)]
    pub day: jiff::civil::Date,
    /// Planifie les rendez-vous proposés (organisateurs) ; sans elle, rien n'est écrit.
    #[arg(long)]
    pub apply: bool,
    /// Replace aussi les rendez-vous encore prévus qu'un planning précédent a placés
    /// (ceux tenus, absents ou placés à la main restent).
    #[arg(long)]
    pub replan: bool,
    /// Sortie JSON.
    #[arg(long)]
    pub json: bool,
}

/// `sourcing import`: suppliers from FILE, or `import registrations FILE`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct ImportArgs {
    /// Ce qu'on importe d'autre que des fournisseurs.
    #[command(subcommand)]
    pub what: Option<ImportWhat>,
    /// Fichier à importer (CSV ou JSON lines) ; un fichier nommé « registrations »
    /// s'écrit ./registrations.
    #[arg(required = true)]
    pub file: Option<PathBuf>,
    /// N'écrit rien : affiche seulement ce que l'import ferait.
    #[arg(long)]
    pub dry_run: bool,
    /// Refuse tout le fichier si une ligne est rejetée.
    #[arg(long)]
    pub strict: bool,
    /// Rapport en JSON sur la sortie standard.
    #[arg(long)]
    pub json: bool,
    /// Force le séparateur : ',', ';', 'tab'.
    #[arg(long, value_name = "SEP", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Associe une colonne à un champ : --map "N° SIRET=siret" (répétable).
    #[arg(long = "map", value_name = "COLONNE=champ", value_parser = parse_map)]
    pub map: Vec<(String, String)>,
}

/// What `sourcing import` reads besides suppliers.
#[derive(Debug, clap::Subcommand)]
pub enum ImportWhat {
    /// Importe la liste des inscrits au forum (SIRET ou raison sociale + code postal,
    /// jours, disponibilité matin / après-midi / 14:00–17:00, thématiques) et les inscrit
    /// aux journées ; les lignes non reconnues sont listées, jamais devinées.
    Registrations(RegistrationArgs),
}

/// `sourcing import registrations`.
#[derive(Debug, clap::Args)]
pub struct RegistrationArgs {
    /// Liste des inscrits (CSV `,` `;` tabulation ; UTF-8, BOM ou Windows-1252) ; `-` lit
    /// l'entrée standard.
    pub file: PathBuf,
    /// N'écrit rien : affiche seulement ce que l'import ferait.
    #[arg(long)]
    pub dry_run: bool,
    /// Le fichier est la liste complète des journées qu'il nomme : les inscrits absents
    /// du fichier en sont retirés (sans elle, le fichier s'ajoute aux inscrits).
    #[arg(long)]
    pub replace: bool,
    /// Rapport en JSON sur la sortie standard.
    #[arg(long)]
    pub json: bool,
    /// Force le séparateur : ',', ';', 'tab'.
    #[arg(long, value_name = "SEP", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
}

/// `sourcing search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Requête : mots, -mot, theme:, cpv:, dept:, size:, city:, ess, siae.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Sortie JSON : tableau d'objets {id, name, siret, score, themes}.
    #[arg(long)]
    pub json: bool,
    /// Nombre maximal de résultats.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

/// `sourcing match`: one need from the options, or one per line of a JSON lines file.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("need").required(true).args(["title", "needs"])))]
pub struct MatchArgs {
    /// Intitulé du besoin, par exemple "Nettoyage des écoles".
    #[arg(long, conflicts_with = "needs")]
    pub title: Option<String>,
    /// Description du besoin.
    #[arg(long, requires = "title")]
    pub description: Option<String>,
    /// Code CPV du besoin, 8 chiffres (répétable) : 90919200 ou 90919200-4.
    #[arg(long = "cpv", value_name = "CODE", requires = "title", value_parser = parse_cpv_arg)]
    pub cpv: Vec<String>,
    /// Département où le besoin s'exécute, en préférence (répétable) : 93, 2A, 971.
    #[arg(long = "dept", value_name = "NN", requires = "title", value_parser = parse_dept_arg)]
    pub dept: Vec<String>,
    /// Fichier JSON lines, un besoin par ligne : {"id", "title", "description", "cpv": [..],
    /// "departements": [..]} ; `-` lit l'entrée standard. Écrit une ligne JSON par besoin.
    #[arg(long, value_name = "FICHIER.jsonl")]
    pub needs: Option<PathBuf>,
    /// Nombre de fournisseurs par besoin.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Sortie JSON : {"results": [{rank, supplier_id, siret, name, score, reasons}]}.
    #[arg(long)]
    pub json: bool,
}

/// A CPV code argument: 8 digits, with or without its check digit; returns the 8 digits.
fn parse_cpv_arg(s: &str) -> Result<String, String> {
    crate::domain::CpvCode::parse(s.trim())
        .map(|c| c.as_str().to_string())
        .map_err(|_| {
            format!("code CPV « {s} » invalide : 8 chiffres, éventuellement suivis de -clé (ex. 45210000-2)")
        })
}

/// A département argument ("93", "2A", "971").
fn parse_dept_arg(s: &str) -> Result<String, String> {
    match crate::io::import::values::parse_department(s) {
        Ok(Some(d)) => Ok(d),
        _ => Err(format!(
            "département « {s} » invalide : 2 chiffres (93), 2A/2B ou 3 chiffres outre-mer (971)"
        )),
    }
}

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportWhat {
    /// The supplier directory.
    Suppliers,
    /// Shortlists of every need.
    Shortlist,
    /// Meetings with their outcomes.
    Meetings,
    /// The sourcing journal.
    Journal,
    /// Agendas: per buyer, supplier or table (--buyer, --supplier, --table, --all), as
    /// iCalendar (--format ics), printable HTML (html) or CSV.
    Agenda,
}

/// Export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// CSV (`,`, UTF-8); with --excel: `;`, BOM, CRLF, decimal comma.
    Csv,
    /// One JSON array.
    Json,
    /// JSON lines.
    Jsonl,
    /// iCalendar, RFC 5545 (agenda only).
    Ics,
    /// One printable HTML page, one A4 page per person (agenda only).
    Html,
}

/// `sourcing export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Quoi : suppliers, shortlist, meetings, journal.
    #[arg(value_enum)]
    pub what: ExportWhat,
    /// Format : csv, json, jsonl.
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// CSV pour Excel français : `;`, UTF-8 avec BOM, CRLF, virgule décimale.
    #[arg(long)]
    pub excel: bool,
    /// Fichier de sortie (par défaut : sortie standard).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Agenda d'un acheteur (login).
    #[arg(long, value_name = "LOGIN", group = "whose")]
    pub buyer: Option<String>,
    /// Agenda d'un fournisseur : SIRET ou numéro dans l'annuaire.
    #[arg(long, value_name = "SIRET", group = "whose")]
    pub supplier: Option<String>,
    /// Agenda d'une table ou salle, par son nom.
    #[arg(long, value_name = "NOM", group = "whose")]
    pub table: Option<String>,
    /// Tous les agendas (par défaut pour `export agenda`).
    #[arg(long, group = "whose")]
    pub all: bool,
}

/// `sourcing report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Sortie JSON.
    #[arg(long)]
    pub json: bool,
}

/// `sourcing store …`.
#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Vérifie le dossier de données : lit chaque arbre, décode chaque valeur, contrôle les
    /// empreintes SHA-256 de la dernière sauvegarde ; code de sortie 1 en cas de problème
    /// (checks every tree, value and the newest backup's SHA-256; exit 1 on a problem).
    Check,
    /// Prend une sauvegarde maintenant dans DOSSIER/backups/ (les 10 dernières sont gardées)
    /// (takes a backup now; the last 10 are kept).
    Backup,
    /// Remet le dossier de données exactement dans l'état d'une sauvegarde ; l'état remplacé
    /// est gardé à côté (brings back a backup's exact state; the replaced one is kept).
    Restore {
        /// Nom de la sauvegarde (ex. 20261203T101500Z) ou chemin ; par défaut la plus récente
        /// (backup name or path; default: the newest).
        backup: Option<String>,
    },
    /// Réécrit le dossier de données sans les anciennes versions que sled garde, puis
    /// l'échange atomiquement (rewrites the store without sled's old versions, atomically).
    Compact,
}

/// `sourcing buyers …`: the store's access list (only organisers change it once it is not
/// empty; the first entry also makes its author an organiser).
#[derive(Debug, Subcommand)]
pub enum BuyersCommand {
    /// Ajoute un compte (ou change son entrée) (adds an account, or changes its entry).
    Add {
        /// Identifiant du compte Unix, ex. mdupuis (Unix account login).
        #[arg(value_parser = parse_login)]
        login: String,
        /// Nom affiché, ex. "Marie Dupuis" (display name; default: the login).
        #[arg(long)]
        name: Option<String>,
        /// Service, ex. "Direction des lycées".
        #[arg(long, default_value = "")]
        service: String,
        /// Rôle : organiser (journées, tout rendez-vous, liste d'accès), buyer (ses besoins,
        /// présélections, comptes rendus et rendez-vous), observer (lecture seule).
        #[arg(long, value_enum, default_value = "buyer")]
        role: crate::domain::Role,
    },
    /// Affiche la liste d'accès (shows the access list).
    List {
        /// En JSON sur la sortie standard.
        #[arg(long)]
        json: bool,
    },
    /// Retire un compte de la liste (removes an account from the list).
    Remove {
        /// Identifiant du compte Unix.
        #[arg(value_parser = parse_login)]
        login: String,
    },
}

/// A Unix login as `useradd` accepts it: 1–32 of `a-z A-Z 0-9 . _ -`, not starting with
/// `-`. Err(a sentence naming the rule) otherwise.
/// `sourcing day …`.
#[derive(Debug, Subcommand)]
pub enum DayCommand {
    /// Crée une journée ; sans option : 9 h – 17 h, créneaux de 20 min, déjeuner
    /// 12:30–13:30, 6 tables (creates a day; defaults as shown).
    Add {
        /// Date : 2026-12-03 ou 03/12/2026.
        #[arg(value_parser = parse_date_arg)]
        date: jiff::civil::Date,
        /// Réglages de la journée.
        #[command(flatten)]
        settings: DaySettings,
        /// Sortie JSON : la journée enregistrée.
        #[arg(long)]
        json: bool,
    },
    /// Modifie une journée ; seules les options données changent. Les rendez-vous qui ne
    /// tiendraient plus sont listés et rien ne change, sauf avec --move (edits a day).
    Edit {
        /// Date de la journée.
        #[arg(value_parser = parse_date_arg)]
        date: jiff::civil::Date,
        /// Réglages de la journée.
        #[command(flatten)]
        settings: DaySettings,
        /// Renomme une table en gardant ses rendez-vous : --rename-table "Table 1=Salle Seine"
        /// (répétable).
        #[arg(long = "rename-table", value_name = "ANCIEN=NOUVEAU", value_parser = parse_rename)]
        rename_table: Vec<(String, String)>,
        /// Retire toutes les pauses.
        #[arg(long, conflicts_with = "breaks")]
        no_breaks: bool,
        /// Déplace au créneau libre le plus proche les rendez-vous qui ne tiendraient plus
        /// (chaque déplacement est journalisé) (moves them to the nearest free slot).
        #[arg(long = "move", visible_alias = "deplacer")]
        move_meetings: bool,
        /// Sortie JSON : la journée et les rendez-vous déplacés.
        #[arg(long)]
        json: bool,
    },
    /// Liste les journées (lists the days).
    List {
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Supprime une journée ; ses rendez-vous planifiés sont annulés et journalisés, jamais
    /// effacés ; avec des rendez-vous, demande --yes (removes a day).
    Remove {
        /// Date de la journée.
        #[arg(value_parser = parse_date_arg)]
        date: jiff::civil::Date,
        /// Confirme l'annulation des rendez-vous listés.
        #[arg(long)]
        yes: bool,
    },
}

/// `--pour LOGIN`: an organiser (or the local user in single-user mode) acting for a
/// buyer; journaled as "X pour Y".
#[derive(Debug, Clone, Default, clap::Args)]
pub struct OnBehalf {
    /// Agit pour cet acheteur (organisateur seulement) (acts for this buyer).
    #[arg(long = "pour", visible_alias = "for", value_name = "LOGIN", value_parser = parse_login)]
    pub pour: Option<String>,
}

/// `sourcing need …`.
#[derive(Debug, Subcommand)]
pub enum NeedCommand {
    /// Crée un besoin (brouillon sauf --status) ; affiche son numéro (creates a need).
    Add {
        /// Intitulé, ex. "Rénovation énergétique des lycées".
        title: String,
        /// Description.
        #[arg(long, default_value = "")]
        description: String,
        /// Code CPV du besoin (répétable), ex. 45321000.
        #[arg(long = "cpv", value_name = "CODE")]
        cpv: Vec<String>,
        /// Lot : "Intitulé" ou "Intitulé : 45321000, 09331000 (description)" (répétable,
        /// numérotés 1, 2…).
        #[arg(long = "lot", value_name = "INTITULÉ[: CPV,… (DESCRIPTION)]")]
        lots: Vec<String>,
        /// Co-acheteur (login, répétable) : partage le besoin et siège à ses rendez-vous.
        #[arg(long = "co-buyer", visible_alias = "co-acheteur", value_name = "LOGIN", value_parser = parse_login)]
        co_buyers: Vec<String>,
        /// Document ou information remis aux fournisseurs rencontrés (répétable), ex.
        /// "Fiche besoin" ; chaque compte rendu note ceux remis, le bilan signale qui en a
        /// reçu moins.
        #[arg(long = "document", value_name = "INTITULÉ")]
        documents: Vec<String>,
        /// État : brouillon, ouvert, clos (draft, open, closed).
        #[arg(long, value_parser = parse_need_status, default_value = "brouillon")]
        status: crate::domain::NeedStatus,
        /// Pour un autre acheteur.
        #[command(flatten)]
        on_behalf: OnBehalf,
        /// Sortie JSON : le besoin enregistré.
        #[arg(long)]
        json: bool,
    },
    /// Liste les besoins ouverts et en brouillon (--all : les clos aussi) (lists needs).
    List {
        /// Les besoins clos aussi.
        #[arg(long)]
        all: bool,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Affiche un besoin : lots, co-acheteurs, liste restreinte (shows a need).
    Show {
        /// Numéro du besoin (celui de `need list`).
        need: u64,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change l'état d'un besoin : brouillon → ouvert → clos (a clos need is read-only).
    Status {
        /// Numéro du besoin.
        need: u64,
        /// brouillon, ouvert, clos.
        #[arg(value_parser = parse_need_status)]
        status: crate::domain::NeedStatus,
    },
}

/// `sourcing shortlist …`.
#[derive(Debug, Subcommand)]
pub enum ShortlistCommand {
    /// Ajoute (ou met à jour) un fournisseur dans la liste restreinte d'un besoin.
    Add {
        /// Numéro du besoin.
        need: u64,
        /// Fournisseur : SIRET (14 chiffres) ou, sans SIRET, son numéro dans l'annuaire.
        supplier: String,
        /// Numéro du lot (0 ou absent : tout le besoin).
        #[arg(long, default_value_t = 0)]
        lot: u32,
        /// Statut : candidat, à-rencontrer, rencontré, retenu, écarté.
        #[arg(long, value_parser = parse_triage, default_value = "candidat")]
        status: crate::domain::TriageStatus,
        /// Note.
        #[arg(long, default_value = "")]
        note: String,
        /// Motif d'une décision (retenu, écarté), une ligne, gardé au journal.
        #[arg(long, default_value = "")]
        reason: String,
        /// Priorité de la demande de rendez-vous, de 1 (la plus forte) à 3, avec
        /// --status à-rencontrer (2 si absente) ; lue par le planning de l'organisateur.
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=3))]
        priority: Option<u8>,
        /// Pour un autre acheteur.
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
}

/// `sourcing meeting …`.
#[derive(Debug, Subcommand)]
pub enum MeetingCommand {
    /// Planifie un rendez-vous dans un créneau d'une journée.
    Add {
        /// Fournisseur : SIRET ou numéro dans l'annuaire.
        supplier: String,
        /// Journée : 2026-12-03 ou 03/12/2026.
        #[arg(long, value_parser = parse_date_arg)]
        day: jiff::civil::Date,
        /// Début du créneau : 10:20.
        #[arg(long, value_name = "HH:MM", value_parser = parse_time_arg)]
        at: jiff::civil::Time,
        /// Table, par son nom ("Table 3", "Seine").
        #[arg(long)]
        table: String,
        /// Besoin discuté (numéro) ; ses co-acheteurs siègent aussi.
        #[arg(long)]
        need: Option<u64>,
        /// Lot du besoin.
        #[arg(long, default_value_t = 0)]
        lot: u32,
        /// Acheteur présent (login, répétable ; par défaut : vous, ou --pour).
        #[arg(long = "buyer", value_name = "LOGIN", value_parser = parse_login)]
        buyers: Vec<String>,
        /// Planifie même si le fournisseur n'est pas inscrit à la journée ou pas
        /// disponible à cette heure (sans elle, c'est refusé avec ses disponibilités).
        #[arg(long)]
        force: bool,
        /// Pour un autre acheteur.
        #[command(flatten)]
        on_behalf: OnBehalf,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Liste les rendez-vous (numéro, heure, table, fournisseur, acheteurs, état, durée).
    List {
        /// D'une journée.
        #[arg(long, value_parser = parse_date_arg)]
        day: Option<jiff::civil::Date>,
        /// D'un acheteur.
        #[arg(long, value_name = "LOGIN")]
        buyer: Option<String>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Annule un rendez-vous (son créneau est libéré ; journalisé).
    Cancel {
        /// Numéro du rendez-vous (celui de `meeting list`).
        meeting: u64,
        /// Pour un autre acheteur.
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Commence un rendez-vous maintenant (heure réelle de début).
    Start {
        /// Numéro du rendez-vous.
        meeting: u64,
        /// Pour un autre acheteur.
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Termine un rendez-vous maintenant (il est alors tenu ; durée réelle journalisée).
    End {
        /// Numéro du rendez-vous.
        meeting: u64,
        /// Pour un autre acheteur.
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Compte rendu d'un rendez-vous : une nouvelle version (rien n'est écrasé) ; ce qui
    /// n'est pas donné reprend la version précédente (logs an outcome version).
    Outcome {
        /// Numéro du rendez-vous.
        meeting: u64,
        /// Suite à donner : son numéro dans le formulaire (1–7) ou son libellé, ex.
        /// "demander un devis" (obligatoire pour un premier compte rendu).
        #[arg(long = "next-step", visible_alias = "suite", value_parser = parse_next_step)]
        next_step: Option<crate::domain::NextStep>,
        /// Note d'adéquation, de 1 à 5 (obligatoire pour un premier compte rendu).
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
        rating: Option<u8>,
        /// Notes (remplacent celles de la version précédente).
        #[arg(long)]
        notes: Option<String>,
        /// Date de relance : 2027-01-15 ou 15/01/2027.
        #[arg(long = "follow-up", value_parser = parse_date_arg)]
        follow_up: Option<jiff::civil::Date>,
        /// Document du besoin remis au fournisseur (répétable ; remplace la liste de la
        /// version précédente).
        #[arg(long = "document", value_name = "INTITULÉ")]
        documents: Vec<String>,
        /// Pour un autre acheteur.
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Suite ultérieure, des semaines après le forum : une nouvelle version du compte rendu
    /// (second-stage follow-up: no further contact, consulted, contract awarded).
    FollowUp {
        /// Numéro du rendez-vous.
        meeting: u64,
        /// Résultat : sans-suite, consulte, attribue.
        #[arg(long, value_parser = parse_follow_up)]
        result: crate::domain::FollowUpResult,
        /// Date : 2027-05-20 ou 20/05/2027.
        #[arg(long, value_parser = parse_date_arg)]
        date: jiff::civil::Date,
        /// Montant du marché attribué, en euros HT.
        #[arg(long, value_name = "EUROS_HT")]
        amount: Option<f64>,
        /// Pour un autre acheteur.
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
}

/// A next step: its number in the outcome form (1–7), its French or English label
/// ("Demander un devis", case and accents ignored), or its JSON name (request_quote).
fn parse_next_step(s: &str) -> Result<crate::domain::NextStep, String> {
    use crate::domain::NextStep;
    let f = crate::domain::text::identity_fold(s.trim());
    if let Ok(n) = f.parse::<usize>() {
        if let Some(step) = n.checked_sub(1).and_then(|i| NextStep::ALL.get(i)) {
            return Ok(*step);
        }
    }
    let folded = |x: &str| crate::domain::text::identity_fold(x);
    // The JSON name, or the start of a label ("demander un devis"), when only one fits.
    let fits: Vec<NextStep> = NextStep::ALL
        .iter()
        .filter(|step| {
            let json = serde_json::to_string(step).unwrap_or_default();
            folded(json.trim_matches('"')) == f
                || [crate::cli::Lang::Fr, crate::cli::Lang::En]
                    .iter()
                    .any(|l| folded(crate::i18n::texts(*l).next_step(**step)).starts_with(&f))
        })
        .copied()
        .collect();
    (!f.is_empty() && fits.len() == 1)
        .then(|| fits[0])
        .ok_or_else(|| {
            let fr: Vec<String> = NextStep::ALL
                .iter()
                .enumerate()
                .map(|(i, st)| {
                    format!(
                        "{} {}",
                        i + 1,
                        crate::i18n::texts(crate::cli::Lang::Fr).next_step(*st)
                    )
                })
                .collect();
            format!(
                "suite « {s} » inconnue : {} (unknown next step)",
                fr.join(", ")
            )
        })
}

/// A need status: brouillon|draft, ouvert|open, clos|closed.
fn parse_need_status(s: &str) -> Result<crate::domain::NeedStatus, String> {
    use crate::domain::NeedStatus;
    match crate::domain::text::identity_fold(s.trim()).as_str() {
        "brouillon" | "draft" => Ok(NeedStatus::Draft),
        "ouvert" | "open" => Ok(NeedStatus::Open),
        "clos" | "ferme" | "closed" => Ok(NeedStatus::Closed),
        _ => Err(format!(
            "état « {s} » inconnu : brouillon, ouvert ou clos (unknown status: draft, open or closed)"
        )),
    }
}

/// A second-stage result: sans-suite, consulté, attribué (or English).
fn parse_follow_up(s: &str) -> Result<crate::domain::FollowUpResult, String> {
    use crate::domain::FollowUpResult;
    match crate::domain::text::identity_fold(s.trim()).as_str() {
        "sanssuite" | "aucunesuite" | "nofurthercontact" | "none" => {
            Ok(FollowUpResult::NoFurtherContact)
        }
        "consulte" | "consulted" => Ok(FollowUpResult::Consulted),
        "attribue" | "awarded" | "contractawarded" => Ok(FollowUpResult::ContractAwarded),
        _ => Err(format!(
            "résultat « {s} » inconnu : sans-suite, consulte ou attribue (unknown: none, consulted, awarded)"
        )),
    }
}

/// A triage status: candidat, à-rencontrer, rencontré, retenu, écarté (or English).
fn parse_triage(s: &str) -> Result<crate::domain::TriageStatus, String> {
    use crate::domain::TriageStatus;
    match crate::domain::text::identity_fold(s.trim()).as_str() {
        "candidat" | "candidate" => Ok(TriageStatus::Candidate),
        "arencontrer" | "tomeet" => Ok(TriageStatus::ToMeet),
        "rencontre" | "met" => Ok(TriageStatus::Met),
        "retenu" | "retained" => Ok(TriageStatus::Retained),
        "ecarte" | "setaside" => Ok(TriageStatus::SetAside),
        _ => Err(format!(
            "statut « {s} » inconnu : candidat, à-rencontrer, rencontré, retenu, écarté (unknown status)"
        )),
    }
}

/// What `day add` and `day edit` may set (each optional).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DaySettings {
    /// Titre, ex. "Forum Bâtiment & Énergie".
    #[arg(long)]
    pub title: Option<String>,
    /// Lieu, ex. "Saint-Ouen, siège de la Région".
    #[arg(long)]
    pub place: Option<String>,
    /// Ouverture : 9:00, 9h, 09h30.
    #[arg(long, value_name = "HH:MM", value_parser = parse_time_arg)]
    pub opens: Option<jiff::civil::Time>,
    /// Fermeture.
    #[arg(long, value_name = "HH:MM", value_parser = parse_time_arg)]
    pub closes: Option<jiff::civil::Time>,
    /// Durée d'un créneau en minutes (au moins 5).
    #[arg(long = "slot", value_name = "MIN")]
    pub slot_minutes: Option<u16>,
    /// Pause : "Déjeuner 12:30-13:30" (répétable ; remplace les pauses de la journée).
    #[arg(long = "break", id = "breaks", value_name = "LIBELLÉ HH:MM-HH:MM", value_parser = parse_break_arg)]
    pub breaks: Vec<crate::domain::Break>,
    /// Nombre de tables nommées "Table 1" … "Table N".
    #[arg(long = "tables", value_name = "N", conflicts_with = "table")]
    pub table_count: Option<u32>,
    /// Table ou salle, "Nom" ou "Nom @ salle/étage" (répétable ; remplace la liste, une table
    /// de même nom garde ses rendez-vous).
    #[arg(long = "table", id = "table", value_name = "NOM[@SALLE]")]
    pub tables: Vec<String>,
    /// Rendez-vous au plus par fournisseur dans la journée (0 : sans limite).
    #[arg(long, value_name = "N")]
    pub max_per_supplier: Option<u32>,
    /// Rendez-vous au plus par acheteur dans la journée (0 : sans limite).
    #[arg(long, value_name = "N")]
    pub max_per_buyer: Option<u32>,
}

/// A date argument: "2026-12-03" or "03/12/2026".
pub fn parse_date_arg(s: &str) -> Result<jiff::civil::Date, String> {
    let s = s.trim();
    s.parse::<jiff::civil::Date>()
        .ok()
        .or_else(|| jiff::civil::Date::strptime("%d/%m/%Y", s).ok())
        .ok_or_else(|| {
            format!("date « {s} » invalide : AAAA-MM-JJ ou JJ/MM/AAAA (invalid date: YYYY-MM-DD or DD/MM/YYYY)")
        })
}

/// A time argument ("9:00", "9h", "12h30").
fn parse_time_arg(s: &str) -> Result<jiff::civil::Time, String> {
    crate::domain::forum::parse::time(s).ok_or_else(|| {
        format!("heure « {s} » invalide : 9:00, 9h ou 12h30 (invalid time: 9:00, 9h or 12h30)")
    })
}

/// A break argument ("Déjeuner 12:30-13:30").
fn parse_break_arg(s: &str) -> Result<crate::domain::Break, String> {
    crate::domain::forum::parse::break_spec(s).ok_or_else(|| {
        format!("pause « {s} » invalide : \"Déjeuner 12:30-13:30\" (invalid break: \"Lunch 12:30-13:30\")")
    })
}

/// A renaming "OLD=NEW".
fn parse_rename(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
            Ok((a.trim().to_string(), b.trim().to_string()))
        }
        _ => Err(format!(
            "« {s} » : écrivez ANCIEN=NOUVEAU, ex. \"Table 1=Salle Seine\" (write OLD=NEW)"
        )),
    }
}

fn parse_login(s: &str) -> Result<String, String> {
    let ok = !s.is_empty()
        && s.len() <= 32
        && !s.starts_with('-')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(s.to_string())
    } else {
        Err(crate::i18n::texts(crate::i18n::Lang::Fr)
            .commands
            .bad_login
            .to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn delimiters() {
        assert_eq!(parse_delimiter(";"), Ok(b';'));
        assert_eq!(parse_delimiter(","), Ok(b','));
        assert_eq!(parse_delimiter("tab"), Ok(b'\t'));
        assert_eq!(parse_delimiter("\t"), Ok(b'\t'));
        assert_eq!(parse_delimiter("point-virgule"), Ok(b';'));
        assert!(parse_delimiter("x").is_err());
    }

    #[test]
    fn usage_errors_are_clap_errors() {
        let parse = |args: &[&str]| {
            Cli::try_parse_from(std::iter::once("sourcing").chain(args.iter().copied()))
                .and_then(|c| c.validate().map(|()| c))
        };
        assert!(parse(&["import", "--delimiter", "|", "f.csv"]).is_err());
        assert!(parse(&["import", "--map", "sans-egal", "f.csv"]).is_err());
        assert!(parse(&["import", "--map", "Col=champinconnu", "f.csv"]).is_err());
        let ok = parse(&[
            "import",
            "--map",
            "N° SIRET=siret",
            "--delimiter",
            ";",
            "f.csv",
        ]);
        match ok.map(|c| c.command) {
            Ok(Some(Command::Import(a))) => {
                assert_eq!(a.delimiter, Some(b';'));
                assert_eq!(a.map, vec![("N° SIRET".to_string(), "siret".to_string())]);
            }
            other => panic!("{other:?}"),
        }
        let e = parse(&["export", "suppliers", "--format", "json", "--excel"]);
        assert_eq!(e.map(|_| ()).map_err(|e| e.exit_code()), Err(2));
        assert!(parse(&["export", "suppliers", "--excel"]).is_ok());
    }
}
