//! The order of results, the same on every host: a query typed with marks ranks the
//! articles holding those marks first; then a match in the title above one in the lead,
//! above one in the body; in a field, the syllables in a row (a phrase) above the same
//! syllables scattered; ties newest first. The server's index scores with these weights
//! (its `search::ranking`, with tantivy's queries), and so does the static index's search
//! (`static_index::rank`).

/// Each field's tier, in the files' order: title, lead, body.
pub const TIERS: [u8; 3] = [3, 2, 1];
/// The weight of exactness, per tier: above any placement.
pub const EXACT: u32 = 100;
/// The weight of placement, per step.
pub const PLACED: u32 = 10;

/// An article's score from the best tier (0: none) of each feature: the field holding
/// every marked syllable as typed; the field holding the syllables in a row; the field
/// holding them all, scattered (a query of one syllable has no scattered).
pub fn score(exact: u8, phrase: u8, scattered: u8) -> u32 {
    let phrase = PLACED * 2 * u32::from(phrase);
    let scattered = (PLACED * (2 * u32::from(scattered))).saturating_sub(PLACED);
    EXACT * u32::from(exact) + phrase.max(scattered)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weights_order_the_features() {
        // Exactness in the body above a phrase in the title.
        assert!(score(1, 0, 0) > score(0, 3, 3));
        // A phrase in the lead above scattered in the lead, below scattered in the title.
        assert!(score(0, 2, 2) > score(0, 0, 2));
        assert!(score(0, 0, 3) > score(0, 2, 2));
        assert_eq!(score(0, 0, 0), 0);
        assert_eq!(score(3, 3, 3), 360);
    }
}
