//! Moderation: all or nothing (from the desk, an unknown comment skipped), and audited.

use super::*;
use crate::db::desk_rows::Action;

#[test]
fn moderation_is_all_or_nothing_and_audited() {
    for t in engines("moderation") {
        put(&t, "a", "c-1", "2023-01-01T00:00:00Z", Status::Pending);
        let err = t
            .moderate(
                &["c-1".into(), "c-9".into()],
                Action::Approve,
                "x",
                5,
                false,
            )
            .unwrap_err();
        assert!(matches!(err, ModerationError::UnknownId(id) if id == "c-9"));
        assert_eq!(t.pending().unwrap().len(), 1, "{}", t.engine);
        assert!(t.audit(10).unwrap().is_empty(), "{}", t.engine);
        // From the desk, the unknown one is skipped.
        let changed = t
            .moderate(
                &["c-1".into(), "c-9".into()],
                Action::Approve,
                "bt",
                7,
                true,
            )
            .unwrap();
        assert_eq!(changed, 1);
        assert!(t.pending().unwrap().is_empty());
        let audit = t.audit(10).unwrap();
        assert_eq!(
            (
                audit[0].actor.as_str(),
                audit[0].action.as_str(),
                audit[0].at
            ),
            ("bt", "approve", 7)
        );
        let (_, total) = t.published_page("a", Order::Newest, 0, 10, 3).unwrap();
        assert_eq!(total, 1, "{}: counted once published", t.engine);
        assert_eq!(
            t.moderate(&["c-1".into()], Action::Hide, "bt", 8, true)
                .unwrap(),
            1
        );
        let (items, total) = t.published_page("a", Order::Newest, 0, 10, 3).unwrap();
        assert!(items.is_empty(), "{}: hidden", t.engine);
        assert_eq!(total, 0, "{}: and no longer counted", t.engine);
    }
}
