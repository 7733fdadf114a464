//! Matching quality on the real directory (fixtures/suppliers.csv), as a regression guard:
//! leave-one-out over a deterministic sample of suppliers with contract objects (DESIGN §6;
//! the method is in `matching_support`). The floors sit below what the weights measured on
//! this very sample when they were set (figures in `examples/matching_eval.rs`); a change
//! that drops below them made matching worse. No timing is asserted here.

mod matching_support;

use matching_support::{leave_one_out, load_suppliers_csv, sample};
use sourcing::io::embedded::{cpv_catalog, theme_catalog};
use sourcing::matching::Matcher;
use std::path::Path;

/// Needs in the sample (evenly spread over the suppliers with references).
const SAMPLE: usize = 150;

#[test]
fn leave_one_out_recall_stays_above_its_floor() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/suppliers.csv");
    let suppliers = load_suppliers_csv(&path).expect("fixtures/suppliers.csv reads");
    assert!(
        suppliers.len() > 14_000,
        "the full directory: {}",
        suppliers.len()
    );
    let picked = sample(&suppliers, SAMPLE);
    assert_eq!(picked.len(), SAMPLE);
    let (cpv, themes) = (cpv_catalog(), theme_catalog());
    let mut m = Matcher::new(&suppliers, cpv);
    let text = leave_one_out(&mut m, &suppliers, &picked, cpv, themes, false);
    let with_cpv = leave_one_out(&mut m, &suppliers, &picked, cpv, themes, true);
    eprintln!(
        "object alone: recall@10 {:.3} MRR {:.3}; object + CPV: recall@10 {:.3} MRR {:.3}",
        text.recall_at_10, text.mrr, with_cpv.recall_at_10, with_cpv.mrr
    );
    assert_eq!(text.needs, SAMPLE);
    assert!(text.recall_at_10 >= TEXT_RECALL_FLOOR, "{text:?}");
    assert!(text.mrr >= TEXT_MRR_FLOOR, "{text:?}");
    assert!(with_cpv.recall_at_10 >= CPV_RECALL_FLOOR, "{with_cpv:?}");
    assert!(with_cpv.mrr >= CPV_MRR_FLOOR, "{with_cpv:?}");
    assert!(
        with_cpv.recall_at_10 > text.recall_at_10,
        "a stated CPV code must help"
    );
}

// Measured on this sample with the default weights: object alone recall@10 0.140, MRR 0.060;
// object + CPV recall@10 0.460, MRR 0.223 (fixtures of 14,617 suppliers; on the previous
// fixtures, one row more, the same weights gave 0.187/0.092 and 0.520/0.265: a 150-need sample
// moves by a few points when the directory changes, so the floors keep that margin). The first,
// unmeasured weights gave about 0.10 and 0.28 (recall@10): these floors would have caught them.
const TEXT_RECALL_FLOOR: f64 = 0.12;
const TEXT_MRR_FLOOR: f64 = 0.05;
const CPV_RECALL_FLOOR: f64 = 0.42;
const CPV_MRR_FLOOR: f64 = 0.20;
