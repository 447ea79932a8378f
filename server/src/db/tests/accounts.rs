//! The desk's accounts and sessions: a session lives until idle or too old, and dies
//! with its account.

use super::*;

#[test]
fn sessions_live_until_idle_or_too_old_and_die_with_their_account() {
    for t in engines("sessions") {
        assert!(t.add_user("bt", "hash", 1).unwrap());
        assert!(!t.add_user("bt", "other", 2).unwrap(), "name taken");
        assert_eq!(t.password_hash("bt").unwrap().as_deref(), Some("hash"));
        t.create_session("s1", "bt", "csrf", 100, (0, 0)).unwrap();
        let s = t.touch_session("s1", 150, (90, 50)).unwrap().unwrap();
        assert_eq!((s.user.as_str(), s.csrf.as_str()), ("bt", "csrf"));
        // Seen at 150: idle past 160 means dead, and gone.
        assert!(t.touch_session("s1", 200, (160, 50)).unwrap().is_none());
        assert!(
            t.touch_session("s1", 200, (0, 0)).unwrap().is_none(),
            "deleted"
        );
        t.create_session("s2", "bt", "c2", 300, (0, 0)).unwrap();
        assert!(t.remove_user("bt").unwrap());
        assert!(
            t.touch_session("s2", 301, (0, 0)).unwrap().is_none(),
            "{}",
            t.engine
        );
        assert!(t.users().unwrap().is_empty());
    }
}
