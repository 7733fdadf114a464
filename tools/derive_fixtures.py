#!/usr/bin/env python3
"""Derive the embedded fixtures of `sourcing` from the shared real public data.

Usage:
    python3 tools/derive_fixtures.py DATA_DIR OUT_DIR [--sample N] [--rules]

DATA_DIR is a copy of shared/data (see its SOURCES.md): it must hold
cpv/cpv_2008.csv, naf/naf_rev2_tous_niveaux.csv and the four supplier lists of
fournisseurs/. OUT_DIR is the fixtures/ directory of the repository: it must
already hold the hand-written themes.csv and theme_rules.csv, which this script
reads and checks but never writes.

Writes OUT_DIR/suppliers.csv, OUT_DIR/cpv.csv and OUT_DIR/naf.csv, then prints
the counts quoted in fixtures/SOURCES.md. Output is deterministic: running it
twice on the same input gives byte-identical files.

--sample N  also prints N firms per theme drawn with a fixed seed, with the CPV
            or NAF labels that put them there (to check the theme table by eye).
--rules     also prints every theme rule with the official label of its prefix
            and the number of suppliers it classifies.

Python 3 standard library only.
"""

import csv
import os
import random
import re
import sys
import unicodedata
from collections import Counter, OrderedDict

SUPPLIER_HEADER = [
    "siret", "siren", "raison_sociale", "taille", "effectif", "chiffre_affaires_eur",
    "date_creation", "code_postal", "commune", "departements", "nb_marches", "ess", "siae",
    "ea_esat", "thematiques", "cpv", "mots_cles", "naf", "description", "references",
    "references_acheteurs", "references_annees", "references_montants_eur", "site_web",
    "courriel", "provenance",
]

# Contract-level DECP training files (80 % of the tenders): the source of each supplier's
# references (object, buyer, year, amount). The directory file's `exemples_objets` also holds
# kept-back tenders, so it is never used for references (see shared/data/SOURCES.md).
CONTRACTS_FILE = "contrats_2018_2019_apprentissage.csv"
HOLDERS_FILE = "titulaires_2018_2019_apprentissage.csv"
# References kept per supplier, newest first (the card and matching need the recent ones;
# a national supplier with 100 contracts would otherwise dominate the file).
MAX_REFERENCES = 20

DECP_FILE = "titulaires_decp_2019.csv"
SIAE_FILE = "siae_2019.csv"
GEIQ_FILE = "geiq_2019.csv"
ESS_FILE = "ess_numerique.csv"

IDF = {"75", "77", "78", "91", "92", "93", "94", "95"}

# INSEE SIRENE headcount bands -> size category (décret 2008-1354 thresholds on headcount).
BAND_SIZE = {
    "NN": "TPE", "00": "TPE", "01": "TPE", "02": "TPE", "03": "TPE",
    "11": "PME", "12": "PME", "21": "PME", "22": "PME", "31": "PME",
    "32": "ETI", "41": "ETI", "42": "ETI", "51": "ETI",
    "52": "GE", "53": "GE",
}

# ESS-numérique `tags_numerique` -> French words.
TAGS_FR = {
    "dev_logiciel": "développement logiciel",
    "conseil_it": "conseil en systèmes informatiques",
    "hebergement": "hébergement et traitement de données",
    "portail_web": "portail web",
    "edition_logiciel": "édition de logiciels",
    "edition_jeux": "édition de jeux électroniques",
}

ESS_FAMILY = {"association": "Association", "cooperative": "Coopérative", "fondation": "Fondation"}

# Legal forms that are ESS by law (loi n° 2014-856, art. 1 II 1° : associations,
# coopératives, mutuelles, fondations). Matched on SIAE `nature_juridique` labels.
ESS_LEGAL_FORM = re.compile(r"association(?! syndicale)|coopérative|\bSCOP\b|\bSCIC\b|fondation|mutuelle",
                            re.IGNORECASE)
# Établissement et service d'aide par le travail / entreprise adaptée, named as such.
EA_ESAT_NAME = re.compile(r"\bE\.?S\.?A\.?T\b|\bENTREPRISE ADAPT[EÉ]E\b", re.IGNORECASE)

MASKED_NAME = re.compile(r"^\[[^\]]*masqu[ée][^\]]*\]$", re.IGNORECASE)
# Names that are not a supplier: a buyer's note that the lot had no winner ("SANS SUITE",
# "INFRUCTUEUX"), or the bare mention of a sole trader ("EI": a natural person).
PLACEHOLDER_NAMES = {"sanssuite", "infructueux", "neant", "nonattribue", "sansobjet"}
NATURAL_PERSON_NAMES = {"ei", "eirl", "autoentrepreneur", "microentrepreneur"}
# SIRENE writes a sole trader's name "SURNAME*FIRST NAMES/": a natural person.
SIRENE_PERSON_NAME = re.compile(r"^[^*]+\*[^*]+/$")
# Award holders whose name is a first name and surname (legal form unknown); the upstream
# person-name detector missed them because of the "/ partner" suffix. Identity-folded names.
PERSON_NAMES_REVIEWED = {"claireschortertnplus", "julienchappaztpginbert"}
ROME_CODE = re.compile(r"^[A-N]\d{4}\s+")
VALID_DEPT = re.compile(r"^(0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5]|2A|2B|97[1-6])$")


# --------------------------------------------------------------------------- text

def clean(text):
    """NFC, control and format characters removed, white space collapsed, trimmed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in "\t\n\r":
            out.append(" ")
        elif cat in ("Cc", "Cf"):
            continue
        else:
            out.append(ch)
    return " ".join("".join(out).split())


def clean_item(text):
    """`clean`, and the list separator `|` replaced so that items stay items."""
    return clean(text).replace("|", "/").strip()


def join_list(items):
    seen = set()
    out = []
    for it in items:
        it = clean_item(it)
        key = it.casefold()
        if it and key not in seen:
            seen.add(key)
            out.append(it)
    return "|".join(out)


def identity_fold(name):
    """Python port of domain::text::identity_fold (NFD, marks dropped, œ→oe, alnum lower)."""
    out = []
    for ch in unicodedata.normalize("NFD", name):
        if unicodedata.combining(ch):
            continue
        if ch in "œŒ":
            out.append("oe")
        elif ch in "æÆ":
            out.append("ae")
        elif ch == "ß":
            out.append("ss")
        elif ch.isalnum():
            out.append(ch.lower())
    return "".join(out)


def lower_first(text):
    """Lower-cases the first letter unless the text starts with an acronym ("SAS, …")."""
    if len(text) >= 2 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


# --------------------------------------------------------------------------- identifiers

def luhn_valid(digits):
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = ord(c) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def siret_valid(s):
    """14 digits, Luhn-valid with a Luhn-valid SIREN, or La Poste's rule (SIREN 356000000,
    digit sum multiple of 5).
    The all-zero placeholder passes Luhn but is no SIRET."""
    if len(s) != 14 or not s.isdigit() or s == "0" * 14:
        return False
    if s.startswith("356000000") and sum(ord(c) - 48 for c in s) % 5 == 0:
        return True
    # The first 9 digits are a SIREN, Luhn-checked too (domain::Siret::parse agrees).
    return luhn_valid(s) and luhn_valid(s[:9])


def siren_valid(s):
    return len(s) == 9 and s.isdigit() and luhn_valid(s)


def siren_from_french_vat(vat):
    """SIREN inside a French VAT number FRkk + SIREN, when the key checks; else None."""
    v = re.sub(r"[\s.]", "", vat.upper())
    m = re.fullmatch(r"FR(\d{2})(\d{9})", v)
    if not m:
        return None
    key, siren = int(m.group(1)), m.group(2)
    if (12 + 3 * (int(siren) % 97)) % 97 != key or not siren_valid(siren):
        return None
    return siren


def department_from_postcode(cp):
    """Port of domain::supplier::department_from_postcode."""
    cp = cp.strip()
    if len(cp) != 5 or not cp.isdigit():
        return None
    if cp[:2] == "20":
        return "2A" if cp < "20200" else "2B"
    if cp[:2] in ("97", "98"):
        return cp[:3]
    return cp[:2]


def valid_dept(d):
    return d if d and VALID_DEPT.match(d) else ""


# --------------------------------------------------------------------------- reading

def read_rows(path):
    """Yields (physical line of the record, dict) for a UTF-8 CSV with a header line."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        start = 2
        for row in reader:
            yield start, {k: (v or "") for k, v in row.items()}
            start = reader.line_num + 1


def load_cpv(data_dir):
    rows = []
    for _, r in read_rows(os.path.join(data_dir, "cpv", "cpv_2008.csv")):
        rows.append({
            "code": clean(r["code"]), "code8": clean(r["code8"]), "niveau": clean(r["niveau"]),
            "libelle_fr": clean(r["libelle_fr"]), "libelle_en": clean(r["libelle_en"]),
        })
    return rows


def load_naf(data_dir):
    rows = []
    for _, r in read_rows(os.path.join(data_dir, "naf", "naf_rev2_tous_niveaux.csv")):
        rows.append({"code": clean(r["code"]), "libelle": clean(r["libelle"]),
                     "niveau": clean(r["niveau"])})
    return rows


def load_themes(out_dir, cpv_codes, naf_codes):
    themes = OrderedDict()
    for line, r in read_rows(os.path.join(out_dir, "themes.csv")):
        slug = r["slug"].strip()
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) or slug in themes:
            sys.exit(f"themes.csv:{line}: slug {slug!r} invalide ou en double")
        themes[slug] = {"label_fr": r["label_fr"], "cpv": [], "naf": []}
    for line, r in read_rows(os.path.join(out_dir, "theme_rules.csv")):
        theme, kind, prefix = r["theme"].strip(), r["kind"].strip(), r["prefix"].strip()
        if theme not in themes:
            sys.exit(f"theme_rules.csv:{line}: thème inconnu {theme!r}")
        if kind == "cpv":
            if not re.fullmatch(r"\d{2,8}", prefix) or not any(c.startswith(prefix) for c in cpv_codes):
                sys.exit(f"theme_rules.csv:{line}: préfixe CPV {prefix!r} sans code correspondant")
        elif kind == "naf":
            if not re.fullmatch(r"\d{2}(\.\d{1,2}[A-Z]?)?", prefix) or not any(
                    c.startswith(prefix) for c in naf_codes):
                sys.exit(f"theme_rules.csv:{line}: préfixe NAF {prefix!r} sans code correspondant")
        else:
            sys.exit(f"theme_rules.csv:{line}: kind {kind!r} (cpv ou naf attendu)")
        themes[theme][kind].append(prefix)
    for slug, t in themes.items():
        if not t["cpv"] and not t["naf"]:
            sys.exit(f"theme_rules.csv: le thème {slug} n'a aucune règle")
    return themes


def classify(themes, cpv, naf):
    """Mirror of ThemeCatalog::classify: CPV codes, or the NAF code when there is no CPV."""
    out = []
    for slug, t in themes.items():
        if cpv:
            hit = any(c.startswith(p) for c in cpv for p in t["cpv"])
        else:
            hit = bool(naf) and any(naf.startswith(p) for p in t["naf"])
        if hit:
            out.append(slug)
    return sorted(set(out))


# --------------------------------------------------------------------------- firms

class Firm:
    """One supplier being assembled from one or more source rows."""

    def __init__(self):
        self.names = []          # (priority, name)
        self.siret = ""
        self.siren = ""
        self.size = ""
        self.created = ""
        self.cp = ""
        self.commune = ""
        self.dept = ""
        self.dept_is_execution = False
        self.ess = False
        self.siae = False
        self.ea = False
        self.cpv = []
        self.keywords = []
        self.naf = ""
        self.sentences = []      # (order, sentence)
        self.references = []     # (object, buyer, year, amount) from the training contracts
        self.depts = []          # every département where it worked, most frequent first
        self.contracts = 0       # number of past public contracts (DECP directory)
        self.sites = []
        self.provenance = []
        self.sources = set()
        self.siae_types = []     # (type code, label)
        self.siae_legal = ""

    def name(self):
        return sorted(self.names, key=lambda p: p[0])[0][1] if self.names else ""

    def set_place(self, cp, commune, dept, execution=False):
        """Keeps the best place given: a seat with a postcode, else a seat département
        (e.g. from the association register), else a DECP place of execution."""
        def rank(has_cp, is_exec, has_dept):
            return (2 if has_cp else 1 if not is_exec else 0) if has_dept else -1

        new = rank(bool(cp), execution, bool(dept))
        old = rank(bool(self.cp), self.dept_is_execution, bool(self.dept))
        if new > old:
            self.cp, self.commune, self.dept = cp, commune, dept
            self.dept_is_execution = execution


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    sample = 0
    if "--sample" in argv:
        i = argv.index("--sample")
        sample = int(argv[i + 1])
        args = [a for a in args if a != argv[i + 1]]
    show_rules = "--rules" in argv
    if len(args) != 2:
        sys.exit(__doc__)
    data_dir, out_dir = args
    four = os.path.join(data_dir, "fournisseurs")

    cpv_rows = load_cpv(data_dir)
    cpv_label = {r["code8"]: r["libelle_fr"] for r in cpv_rows}
    naf_rows = load_naf(data_dir)
    naf_label = {r["code"]: r["libelle"] for r in naf_rows}
    naf_sous_classes = {r["code"] for r in naf_rows if r["niveau"] == "5"}
    themes = load_themes(out_dir, set(cpv_label), set(naf_label))

    stats = Counter()
    firms = OrderedDict()

    def firm_for(siret, fallback_key):
        key = ("siret", siret) if siret else ("row", fallback_key)
        if key in firms:
            stats["merged_rows_same_siret"] += 1
        return firms.setdefault(key, Firm())

    def set_naf(f, code, label):
        code = clean(code)
        if code in naf_sous_classes:
            if not f.naf:
                f.naf = code
            f.keywords.append(naf_label[code])
        elif code:
            stats["naf_not_rev2_dropped"] += 1
            if label:
                f.keywords.append(label)

    # ---------------------------------------------------------------- ESS-numérique
    for line, r in read_rows(os.path.join(four, ESS_FILE)):
        stats["rows_" + ESS_FILE] += 1
        name = clean(r["denomination"])
        if not name or MASKED_NAME.match(name):
            stats["dropped_masked_name"] += 1
            continue
        siret = clean(r["siret_siege"])
        if not siret_valid(siret):
            stats["siret_invalid_" + ESS_FILE] += 1
            siret = ""
        f = firm_for(siret, (ESS_FILE, line))
        f.sources.add(ESS_FILE)
        f.names.append((0, name))
        f.siret = f.siret or siret
        siren = clean(r["siren"])
        if not f.siren and siren_valid(siren) and (not siret or siret.startswith(siren)):
            f.siren = siren
        famille = clean(r["famille_ess"])
        srcs = clean(r["sources"])
        is_ess = (r["flag_ess_sirene"] == "True" or bool(famille) or "ess_france" in srcs
                  or "esus" in srcs)
        if is_ess:
            f.ess = True
            stats["ess_from_list"] += 1
        else:
            stats["ess_list_row_without_ess_evidence"] += 1
        cat, band = clean(r["categorie_entreprise"]), clean(r["tranche_effectifs"])
        band_size = BAND_SIZE.get(band, "")
        if cat in ("ETI", "GE"):
            f.size = cat
        elif cat == "PME":
            f.size = "TPE" if band_size == "TPE" else "PME"
        elif band_size:
            f.size = band_size
        created = clean(r["date_creation"])
        # SIRENE writes 1900-01-01 when the creation date is unknown.
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", created) and created != "1900-01-01":
            f.created = created
        elif created:
            stats["ess_placeholder_creation_date_1900_dropped"] += 1
        cp = clean(r["code_postal"])
        cp = cp if re.fullmatch(r"\d{5}", cp) else ""
        dept = valid_dept(clean(r["departement"])) or valid_dept(department_from_postcode(cp) or "")
        if dept:
            f.set_place(cp, clean(r["commune"]) if cp else "", dept)
        set_naf(f, r["code_naf"], clean(r["libelle_naf"]))
        tags = [TAGS_FR.get(t, t) for t in clean(r["tags_numerique"]).split("|") if t]
        f.keywords.extend(tags)
        sigle = clean(r["sigle"])
        if sigle and identity_fold(sigle) != identity_fold(name):
            f.keywords.append(sigle)
        tiers_lieu = "tiers_lieux" in srcs
        if tiers_lieu:
            f.keywords.append("tiers-lieu")
        subject = ESS_FAMILY.get(famille, "Entreprise")
        if is_ess:
            subject += " de l'ESS"
        if tiers_lieu:
            subject += ", tiers-lieu (base France Tiers-Lieux)"
        if tags:
            subject += ", activité numérique : " + ", ".join(tags)
        elif f.naf:
            subject += ", activité : " + lower_first(naf_label[f.naf])
        sentence = subject + "."
        if r["societe_mission"] == "O":
            sentence += " Société à mission."
        if r["est_active"] == "False":
            sentence += " Unité légale cessée selon le répertoire SIRENE."
            stats["ess_ceased"] += 1
        f.sentences.append((1, sentence))
        site = clean(r["site_web"])
        if site:
            f.sites.append(site)
        f.provenance.append(f"{ESS_FILE}:{line}")

    # ---------------------------------------------------------------- SIAE
    for line, r in read_rows(os.path.join(four, SIAE_FILE)):
        stats["rows_" + SIAE_FILE] += 1
        name = clean(r["denomination"])
        siret = clean(r["siret"])
        if not siret_valid(siret):
            stats["siret_invalid_" + SIAE_FILE] += 1
            siret = ""
        f = firm_for(siret, (SIAE_FILE, line))
        f.sources.add(SIAE_FILE)
        f.names.append((1, name))
        f.siret = f.siret or siret
        siren = clean(r["siren"])
        if not f.siren and siren_valid(siren) and (not siret or siret.startswith(siren)):
            f.siren = siren
        f.siae = True
        legal = clean(r["nature_juridique"])
        if legal and ESS_LEGAL_FORM.search(legal) and not f.ess:
            f.ess = True
            stats["ess_by_legal_form_siae"] += 1
        f.siae_legal = f.siae_legal or legal
        typ, label = clean(r["type_siae"]), clean(r["type_siae_libelle"])
        if (typ, label) not in f.siae_types:
            f.siae_types.append((typ, label))
        f.keywords.append(label)
        cp = clean(r["code_postal"])
        cp = cp if re.fullmatch(r"\d{5}", cp) else ""
        dept = (valid_dept(department_from_postcode(cp) or "")
                or valid_dept(clean(r["departement_code"]))
                or valid_dept(clean(r["departement_code"])[:2]))
        f.set_place(cp, clean(r["commune"]), dept)
        set_naf(f, r["code_naf"], clean(r["libelle_naf"]))
        for job in r["metiers_rome"].split("|"):
            job = ROME_CODE.sub("", clean(job))
            if job:
                f.keywords.append(job)
        site = clean(r["site_web"])
        if site:
            f.sites.append(site)
        f.provenance.append(f"{SIAE_FILE}:{line}")

    # ---------------------------------------------------------------- GEIQ
    for line, r in read_rows(os.path.join(four, GEIQ_FILE)):
        stats["rows_" + GEIQ_FILE] += 1
        name = clean(r["nom"])
        siret = clean(r["siret"])
        if not siret_valid(siret):
            stats["siret_invalid_" + GEIQ_FILE] += 1
            siret = ""
        f = firm_for(siret, (GEIQ_FILE, line))
        f.sources.add(GEIQ_FILE)
        f.names.append((2, name))
        f.siret = f.siret or siret
        siren = clean(r["siren"])
        if not f.siren and siren_valid(siren) and (not siret or siret.startswith(siren)):
            f.siren = siren
        f.siae = True
        cp = clean(r["code_postal"])
        cp = cp if re.fullmatch(r"\d{5}", cp) else ""
        dept = valid_dept(department_from_postcode(cp) or "") or valid_dept(clean(r["departement_code"]))
        f.set_place(cp, clean(r["ville"]), dept)
        set_naf(f, r["code_naf"], clean(r["libelle_naf"]))
        f.keywords.append("Groupement d'employeurs pour l'insertion et la qualification")
        f.sentences.append((2, "Groupement d'employeurs pour l'insertion et la qualification (GEIQ)."))
        f.provenance.append(f"{GEIQ_FILE}:{line}")

    # ---------------------------------------------------------------- references
    # Each training contract becomes a reference of each of its holders (by SIRET).
    decp_dir = os.path.join(data_dir, "decp")
    contracts = {r["uid"]: r for _, r in read_rows(os.path.join(decp_dir, CONTRACTS_FILE))}
    refs_by_holder = {}
    for _, h in read_rows(os.path.join(decp_dir, HOLDERS_FILE)):
        c = contracts.get(h["uid"])
        ident = clean(h["titulaire_id"])
        if c is None or h["personne_physique_masquee"] == "oui" or not siret_valid(ident):
            continue
        obj = clean_item(c["objet"])
        if not obj:
            continue
        date = c["date_notification"]
        year = date[:4] if re.fullmatch(r"20[0-2]\d-\d\d-\d\d", date) else ""
        amount = clean(c["montant_eur"])
        try:
            value = float(amount)
            # 0 and absurd published amounts (over 1 bn €) say nothing about the contract.
            amount = f"{value:.0f}" if 0 < value < 1e9 else ""
        except ValueError:
            amount = ""
        refs_by_holder.setdefault(ident, []).append(
            (obj, clean_item(c["acheteur_nom"]), year, amount, date))
        stats["references_from_training_contracts"] += 1
    for ident, refs in refs_by_holder.items():
        # Newest first, one reference per (object, buyer): the lots of one tender with the
        # same object are one reference.
        refs.sort(key=lambda x: x[4], reverse=True)
        seen, kept = set(), []
        for obj, buyer, year, amount, _ in refs:
            key = (obj.casefold(), buyer.casefold())
            if key not in seen:
                seen.add(key)
                kept.append((obj, buyer, year, amount))
        refs_by_holder[ident] = kept[:MAX_REFERENCES]

    # ---------------------------------------------------------------- DECP award holders
    for line, r in read_rows(os.path.join(four, DECP_FILE)):
        stats["rows_" + DECP_FILE] += 1
        name = clean(r["nom"])
        if not name or MASKED_NAME.match(name):
            stats["dropped_masked_name"] += 1
            continue
        if identity_fold(name) in PLACEHOLDER_NAMES:
            stats["dropped_placeholder_name"] += 1
            continue
        if (identity_fold(name) in NATURAL_PERSON_NAMES or SIRENE_PERSON_NAME.match(name)
                or identity_fold(name) in PERSON_NAMES_REVIEWED):
            stats["dropped_natural_person_name"] += 1
            continue
        typ = clean(r["type_identifiant"])
        ident = clean(r["titulaire_id"])
        siret = ""
        siren = ""
        if typ == "SIRET":
            if siret_valid(ident):
                siret = ident
            elif len(ident) == 14 and ident.isdigit():
                stats["decp_siret_luhn_failed"] += 1
            elif siren_valid(ident):
                siren = ident
                stats["decp_siret_field_holding_valid_siren"] += 1
            else:
                stats["decp_siret_malformed"] += 1
        else:
            stats["decp_non_siret_identifier"] += 1
            vat_siren = siren_from_french_vat(ident)
            if vat_siren:
                siren = vat_siren
                stats["decp_siren_from_french_vat"] += 1
        col = clean(r["siren"])
        if not siren and siren_valid(col) and (not siret or siret.startswith(col)) and (
                siret or typ != "SIRET"):
            siren = col
        if siret:
            siren = siret[:9]
        f = firm_for(siret, (DECP_FILE, line))
        f.sources.add(DECP_FILE)
        f.names.append((3, name))
        f.siret = f.siret or siret
        if not f.siren and siren:
            f.siren = siren
        codes = []
        for item in r["cpv_principaux"].split(" | "):
            code = item.strip().split(" ", 1)[0] if item.strip() else ""
            if not code:
                continue
            if code in cpv_label:
                codes.append(code)
            else:
                stats["decp_cpv_not_in_cpv2008_dropped"] += 1
        f.cpv.extend(c for c in codes if c not in f.cpv)
        depts = []
        for d in r["departements_execution"].split():
            if valid_dept(d) and d not in depts:
                depts.append(d)
        if depts:
            f.set_place("", "", depts[0], execution=True)
        f.depts += [d for d in depts if d not in f.depts]
        n = int(r["nb_marches"] or 0)
        f.contracts += n
        if siret:
            f.references += refs_by_holder.get(siret, [])
        f.provenance.append(f"{DECP_FILE}:{line}")

    # ---------------------------------------------------------------- finish each firm
    for f in firms.values():
        if f.siae_types:
            parts = []
            for i, (typ, label) in enumerate(f.siae_types):
                parts.append(f"{label if i == 0 else lower_first(label)} ({typ})")
            s = " et ".join(parts)
            if f.siae_legal:
                s += " ; forme juridique : " + lower_first(f.siae_legal)
            f.sentences.append((0, s + "."))
        if EA_ESAT_NAME.search(" ".join(n for _, n in f.names)):
            f.ea = True

    # Records the importer would merge anyway (same SIREN without SIRET, or same folded
    # name and postcode without SIRET or SIREN): merge them here so the file has unique keys.
    by_identity = OrderedDict()
    for f in firms.values():
        if f.siret:
            key = "siret:" + f.siret
        elif f.siren:
            key = "siren:" + f.siren
        else:
            key = "name:" + identity_fold(f.name()) + "|" + f.cp
        if key in by_identity:
            stats["merged_same_identity_without_siret"] += 1
            g = by_identity[key]
            g.names += f.names
            g.ess |= f.ess
            g.siae |= f.siae
            g.ea |= f.ea
            g.size = g.size or f.size
            g.created = g.created or f.created
            if not g.dept:
                g.cp, g.commune, g.dept = f.cp, f.commune, f.dept
                g.dept_is_execution = f.dept_is_execution
            g.cpv += [c for c in f.cpv if c not in g.cpv]
            g.keywords += f.keywords
            g.naf = g.naf or f.naf
            g.sentences += f.sentences
            g.references += f.references
            g.depts += [d for d in f.depts if d not in g.depts]
            g.contracts += f.contracts
            g.sites += f.sites
            g.provenance += f.provenance
            g.sources |= f.sources
        else:
            by_identity[key] = f

    rows = []
    for f in by_identity.values():
        refs = []
        for ref in f.references:
            if ref not in refs:
                refs.append(ref)
        thematiques = classify(themes, f.cpv, f.naf)
        f.themes = thematiques
        rows.append({
            "siret": f.siret,
            "siren": f.siren,
            "raison_sociale": f.name(),
            "taille": f.size,
            "effectif": "",
            "chiffre_affaires_eur": "",
            "date_creation": f.created,
            "code_postal": f.cp,
            "commune": f.commune,
            "departements": "|".join([f.dept] + [d for d in f.depts if d != f.dept] if f.dept else f.depts),
            "nb_marches": str(f.contracts) if f.contracts else "",
            "ess": "oui" if f.ess else "non",
            "siae": "oui" if f.siae else "non",
            "ea_esat": "oui" if f.ea else "non",
            "thematiques": "|".join(thematiques),
            "cpv": "|".join(f.cpv),
            "mots_cles": join_list(f.keywords),
            "naf": f.naf,
            "description": clean(" ".join(s for _, s in sorted(f.sentences, key=lambda p: p[0]))),
            "references": "|".join(clean_item(r[0]).replace("|", "/") for r in refs),
            "references_acheteurs": "|".join(clean_item(r[1]).replace("|", "/") for r in refs),
            "references_annees": "|".join(r[2] for r in refs),
            "references_montants_eur": "|".join(r[3] for r in refs),
            "site_web": join_list(f.sites[:1]),
            "courriel": "",
            "provenance": "|".join(f.provenance),
        })
        f.row = rows[-1]
    rows.sort(key=lambda r: (r["siret"] == "", r["siret"], identity_fold(r["raison_sociale"]),
                             r["raison_sociale"], r["provenance"]))

    os.makedirs(out_dir, exist_ok=True)
    write_csv(os.path.join(out_dir, "suppliers.csv"), SUPPLIER_HEADER, rows)
    write_csv(os.path.join(out_dir, "cpv.csv"), ["code", "code8", "niveau", "libelle_fr", "libelle_en"],
              cpv_rows)
    write_csv(os.path.join(out_dir, "naf.csv"), ["code", "libelle"], naf_rows)
    write_training(data_dir, out_dir, stats)

    report(stats, rows, by_identity.values(), themes, cpv_rows, naf_rows, naf_sous_classes, out_dir)
    if show_rules:
        print_rules(themes, by_identity.values(), cpv_label, naf_label)
    if sample:
        print_sample(themes, by_identity.values(), cpv_label, naf_label, sample)


TRAINING_HEADER = [
    "uid", "acheteur_siret", "acheteur_nom", "objet", "code_cpv8", "date_notification",
    "montant_eur", "departement", "ile_de_france", "titulaires_sirets", "titulaires_noms",
]


def write_training(data_dir, out_dir, stats):
    """fixtures/decp_training.csv: the DECP training contracts (80 % of the tenders, see
    shared/data/SOURCES.md §3) with the columns matching's evaluation needs, and each
    contract's holders that have a valid SIRET (masked natural persons left out)."""
    decp_dir = os.path.join(data_dir, "decp")
    holders = {}
    for _, h in read_rows(os.path.join(decp_dir, HOLDERS_FILE)):
        ident = clean(h["titulaire_id"])
        if h["personne_physique_masquee"] == "oui" or not siret_valid(ident):
            continue
        holders.setdefault(h["uid"], []).append((ident, clean_item(h["titulaire_nom"])))
    rows = []
    for _, c in read_rows(os.path.join(decp_dir, CONTRACTS_FILE)):
        hs = holders.get(c["uid"], [])
        if not hs or not clean_item(c["objet"]):
            stats["training_contracts_without_siret_holder_or_object"] += 1
            continue
        rows.append({
            "uid": c["uid"],
            "acheteur_siret": clean(c["acheteur_siret"]),
            "acheteur_nom": clean_item(c["acheteur_nom"]),
            "objet": clean_item(c["objet"]),
            "code_cpv8": clean(c["code_cpv8"]),
            "date_notification": clean(c["date_notification"]),
            "montant_eur": clean(c["montant_eur"]),
            "departement": valid_dept(clean(c["lieu_execution_departement"])) or "",
            "ile_de_france": clean(c["ile_de_france"]),
            "titulaires_sirets": "|".join(h[0] for h in hs),
            "titulaires_noms": "|".join(h[1].replace("|", "/") for h in hs),
        })
    stats["training_contracts_written"] = len(rows)
    write_csv(os.path.join(out_dir, "decp_training.csv"), TRAINING_HEADER, rows)


def write_csv(path, header, rows):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n", extrasaction="ignore",
                           quoting=csv.QUOTE_MINIMAL)
        w.writeheader()
        for r in rows:
            w.writerow(r)
    os.replace(tmp, path)


def report(stats, rows, firms, themes, cpv_rows, naf_rows, naf_sous_classes, out_dir):
    p = print
    p("== sources")
    for k in (DECP_FILE, SIAE_FILE, GEIQ_FILE, ESS_FILE):
        p(f"  {k}: {stats['rows_' + k]} rows")
    p("== identifiers and merges")
    for k in sorted(stats):
        if not k.startswith("rows_"):
            p(f"  {k}: {stats[k]}")
    firms = list(firms)
    combos = Counter(" + ".join(sorted(f.sources)) for f in firms)
    multi = {k: v for k, v in combos.items() if "+" in k}
    p("== firms found in several lists (merged by SIRET)")
    for k, v in sorted(multi.items()):
        p(f"  {k}: {v}")
    p("== suppliers.csv")
    n = len(rows)
    size = os.path.getsize(os.path.join(out_dir, "suppliers.csv"))
    p(f"  rows: {n}  ({size / 1e6:.2f} MB)")
    for col in ("siret", "siren", "taille", "date_creation", "code_postal", "departements",
                "nb_marches", "naf",
                "cpv", "mots_cles", "references", "site_web", "thematiques"):
        p(f"  with {col}: {sum(1 for r in rows if r[col])}")
    p(f"  ess=oui: {sum(1 for r in rows if r['ess'] == 'oui')}")
    p(f"  siae=oui: {sum(1 for r in rows if r['siae'] == 'oui')}")
    p(f"  ea_esat=oui: {sum(1 for r in rows if r['ea_esat'] == 'oui')}")
    p(f"  Île-de-France (departement in 75,77,78,91-95): {sum(1 for r in rows if r['departements'].split('|')[0] in IDF)}")
    p(f"    of which DECP place of execution: "
      f"{sum(1 for f in firms if f.dept in IDF and f.dept_is_execution)}")
    p(f"  departement from DECP place of execution: {sum(1 for f in firms if f.dept and f.dept_is_execution)}")
    p("  taille: " + ", ".join(f"{k or '(vide)'} {v}" for k, v in sorted(Counter(r['taille'] for r in rows).items())))
    p("== rows per theme (a firm can have several)")
    per = Counter(t for r in rows for t in r["thematiques"].split("|") if t)
    for slug in themes:
        by_cpv = sum(1 for f in firms if slug in f.themes and f.cpv)
        p(f"  {slug}: {per[slug]} (by CPV {by_cpv}, by NAF {per[slug] - by_cpv})")
    p(f"  without theme: {sum(1 for r in rows if not r['thematiques'])}")
    p("== cpv.csv / naf.csv")
    p(f"  cpv codes: {len(cpv_rows)}")
    p(f"  naf rows: {len(naf_rows)} (sous-classes {len(naf_sous_classes)})")


def print_rules(themes, firms, cpv_label, naf_label):
    firms = list(firms)
    print("== theme rules")
    for slug, t in themes.items():
        for kind in ("cpv", "naf"):
            for prefix in t[kind]:
                if kind == "cpv":
                    code = min(c for c in cpv_label if c.startswith(prefix))
                    label = cpv_label[code]
                    hits = sum(1 for f in firms if any(c.startswith(prefix) for c in f.cpv))
                else:
                    code = prefix if prefix in naf_label else min(c for c in naf_label if c.startswith(prefix))
                    label = naf_label[code]
                    hits = sum(1 for f in firms if not f.cpv and f.naf.startswith(prefix))
                print(f"  {slug:24} {kind} {prefix:9} {hits:5}  {label}")


def print_sample(themes, firms, cpv_label, naf_label, n):
    firms = list(firms)
    rng = random.Random(20190705)
    for slug in themes:
        members = [f for f in firms if slug in f.themes]
        print(f"== sample {slug} ({len(members)})")
        for f in rng.sample(members, min(n, len(members))):
            if f.cpv:
                why = "; ".join(f"{c} {cpv_label[c]}" for c in f.cpv)
            else:
                why = f"NAF {f.naf} {naf_label.get(f.naf, '')}"
            print(f"  - {f.name()[:50]:50} | {why[:150]}")


if __name__ == "__main__":
    main(sys.argv)
