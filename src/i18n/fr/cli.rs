//! French words of the command line (the options' help is in `src/cli.rs`).

use crate::i18n::cli::CliTexts;

/// French.
pub const CLI: CliTexts = CliTexts {
    about: "sourcing — sourçage et forums de l'achat public innovant, au clavier.",
    help_flag: "Affiche l'aide",
    version_flag: "Affiche la version",
    usage: "Utilisation :",
    commands: "Commandes",
    options: "Options",
    arguments: "Arguments",
    command_value: "COMMANDE",
    error: "erreur :",
    more: |path| format!("Pour en savoir plus : {path} --help"),
    unknown_argument: |a| format!("argument inattendu « {a} »"),
    unknown_command: |c| format!("sous-commande inconnue « {c} »"),
    invalid_value: |v, a, valid| {
        if valid.is_empty() {
            format!("valeur « {v} » invalide pour « {a} »")
        } else {
            format!(
                "valeur « {v} » invalide pour « {a} » (valeurs possibles : {})",
                valid.join(", ")
            )
        }
    },
    bad_value: |v, a, why| format!("valeur « {v} » invalide pour « {a} » : {why}"),
    missing: |args| format!("arguments obligatoires absents :\n  {}", args.join("\n  ")),
    conflict: |a, others| {
        format!(
            "« {a} » ne peut pas s'utiliser avec {}",
            others
                .iter()
                .map(|o| format!("« {o} »"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    },
    unexpected_value: |a| format!("valeur en trop pour « {a} »"),
    needs_value: |a| format!("« {a} » demande une valeur"),
    needs_command: |cmds| format!("il manque une sous-commande : {}", cmds.join(", ")),
    did_you_mean: |s| {
        let q: Vec<String> = s.iter().rev().map(|x| format!("« {x} »")).collect();
        format!("  vouliez-vous dire {} ?", q.join(" ou "))
    },
    other: |kind| format!("ligne de commande refusée ({kind})"),
    help: &[],
};
