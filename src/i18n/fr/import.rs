//! French texts of the import report.

use crate::i18n::import::{quoted, ImportTexts};
use crate::io::import::report::IssueKind;

/// French.
pub const IMPORT: ImportTexts = ImportTexts {
    issue,
    head_dry_run: |file| format!("Simulation d'import de {file} (--dry-run) : rien n'a été écrit."),
    head_written: |file| format!("Import de {file} terminé."),
    head_up_to_date: |file| {
        format!(
            "Import de {file} terminé : rien à écrire, le dossier de données était déjà à jour."
        )
    },
    counts: |c| {
        format!(
            "  créés : {}  mis à jour : {}  inchangés : {}  lignes vides ignorées : {}  lignes rejetées : {}  avertissements : {}\n",
            c.created, c.updated, c.unchanged, c.skipped, c.rejected_lines, c.warnings
        )
    },
    line_word: "ligne",
    sep: " : ",
    rejected_title: "Rejets (rien n'est enregistré pour ces lignes) :\n",
    warnings_title: "Avertissements :\n",
    more: |n| format!("  … et {n} autres des mêmes types (--json les liste toutes)\n"),
};

fn issue(kind: &IssueKind) -> String {
    use IssueKind::*;
    match kind {
        SiretScientific(c) => {
            format!("SIRET en notation scientifique ({c}) : Excel a perdu les derniers chiffres et rien n'est deviné. Dans Excel, formatez la colonne SIRET en Texte (clic droit › Format de cellule › Texte), ressaisissez ou réexportez les SIRET, puis réimportez")
        }
        SiretNotDigits(c) => {
            format!(
                "SIRET {} : seuls des chiffres et des espaces sont permis",
                quoted(c)
            )
        }
        SiretLength(d, n) => {
            format!("SIRET {d} : {n} chiffres ; un SIRET en a 14 (9 pour un SIREN seul)")
        }
        SiretPaddedLuhn(d) => {
            format!("SIRET {d} : {} chiffres, et même complété de zéros il ne passe pas la clé de contrôle (Luhn) : vérifiez-le", d.len())
        }
        SiretLuhn(d) => {
            format!("SIRET {d} : clé de contrôle (Luhn) fausse, un chiffre est erroné ; vérifiez-le sur annuaire-entreprises.data.gouv.fr")
        }
        SirenLuhn(d) => {
            format!("SIREN {d} : clé de contrôle (Luhn) fausse ; vérifiez-le")
        }
        SirenPartLuhn(d) => {
            let siren = d.get(..9).unwrap_or(d);
            format!("SIRET {d} : son SIREN {siren} ne passe pas la clé de contrôle (Luhn), le numéro est donc faux ; vérifiez-le sur annuaire-entreprises.data.gouv.fr")
        }
        MissingName => {
            "raison sociale vide : chaque fournisseur doit avoir un nom".to_string()
        }
        Amount(c) => {
            format!(
                "montant {} illisible : écrivez par exemple 1 234 567,89",
                quoted(c)
            )
        }
        NumberScientific(c) => {
            format!("nombre en notation scientifique {} : des chiffres sont peut-être perdus ; formatez la colonne en Nombre dans Excel", quoted(c))
        }
        Negative(c) => {
            format!("valeur négative {}", quoted(c))
        }
        Count(c) => {
            format!(
                "effectif {} illisible : un nombre entier est attendu (ex. 42)",
                quoted(c)
            )
        }
        DateFormat(c) => {
            format!(
                "date {} illisible : écrivez JJ/MM/AAAA ou AAAA-MM-JJ",
                quoted(c)
            )
        }
        DateImpossible(c) => {
            format!(
                "date impossible {} : ce jour n'existe pas dans le calendrier",
                quoted(c)
            )
        }
        Flag(c) => {
            format!("valeur {} non reconnue : oui ou non attendu", quoted(c))
        }
        Size(c) => {
            format!(
                "taille {} non reconnue : TPE, PME, ETI ou GE attendu",
                quoted(c)
            )
        }
        Postcode(c) => {
            format!("code postal {} invalide : 5 chiffres attendus", quoted(c))
        }
        Department(c) => {
            format!(
                "département {} invalide : par exemple 75, 2A, 971",
                quoted(c)
            )
        }
        ReferenceYear(c) => {
            format!(
                "année de référence {} invalide : 4 chiffres attendus (ex. 2019)",
                quoted(c)
            )
        }
        Naf(c) => {
            format!("code NAF {} invalide : par exemple 62.01Z", quoted(c))
        }
        Cpv(c) => {
            format!("code CPV {} invalide : 8 chiffres, éventuellement suivis de -clé (ex. 45210000-2)", quoted(c))
        }
        TooManyCells(found, expected) => {
            format!("{found} cellules pour {expected} colonnes : une cellule contient sans doute le séparateur sans guillemets ; ligne écartée pour qu'aucune valeur n'atterrisse dans le mauvais champ")
        }
        JsonSyntax(m) => {
            format!("JSON illisible : {m}")
        }
        JsonNotObject => {
            "un objet JSON {…} par ligne est attendu".to_string()
        }
        JsonType => {
            "valeur JSON d'un type inattendu pour ce champ".to_string()
        }
        SiretMissing => {
            "SIRET absent : fournisseur enregistré sans SIRET, identifié par son nom et son code postal".to_string()
        }
        SiretDecimal(s) => {
            format!("SIRET lu comme un nombre décimal, « .0 » retiré : {s}. Formatez la colonne en Texte dans Excel")
        }
        SiretPadded(s, n) => {
            format!("SIRET de {n} chiffres : zéros initiaux rétablis, {s} (sa clé de contrôle est bonne). Formatez la colonne en Texte dans Excel")
        }
        SirenOnly(s) => {
            format!("9 chiffres : enregistré comme SIREN {s} (unité légale, sans établissement précis)")
        }
        SirenMismatch(given, siret) => {
            format!("SIREN {given} différent de celui du SIRET {siret} : celui du SIRET est gardé")
        }
        ReferencesMismatch(values, objects) => {
            let v = if *values <= 1 { "valeur" } else { "valeurs" };
            let r = if *objects <= 1 {
                "référence"
            } else {
                "références"
            };
            format!("{values} {v} pour {objects} {r} : colonne ignorée pour cette ligne (une valeur par référence, séparées par |, vide si inconnue)")
        }
        PostcodePadded(p) => {
            format!("code postal de 4 chiffres : zéro initial rétabli, {p}")
        }
        Merged(line, id) => {
            format!("même fournisseur que la ligne {line} ({id}) : lignes fusionnées, thèmes et capacités réunis")
        }
        UnknownColumns(cols) => {
            let list = cols
            .iter()
            .map(|c| quoted(c))
            .collect::<Vec<_>>()
            .join(", ");
            format!("colonnes non reconnues, ignorées : {list}. Utilisez --map \"COLONNE=champ\" pour en lire une")
        }
        DuplicateColumn(h) => {
            format!(
                "colonne {} ignorée : une colonne précédente donne déjà ce champ",
                quoted(h)
            )
        }
        Windows1252 => {
            "texte hors UTF-8 : lu en Windows-1252 (« CSV (séparateur : point-virgule) » d'Excel) à partir de cette ligne".to_string()
        }
        HeaderBelow(n) => {
            format!("en-tête trouvé sur cette ligne : la ou les {n} ligne(s) au-dessus (un titre ?) sont ignorées")
        }
        LongRecord(n) => {
            format!("un seul enregistrement s'étend sur {n} lignes : vérifiez qu'un guillemet n'est pas resté ouvert")
        }
    }
}
