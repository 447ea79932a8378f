//! What the servers on a database share: rate limits and secrets.

use super::*;

#[test]
fn rate_limits_in_the_database_allow_a_burst_then_one_per_period() {
    for t in engines("rate_limits") {
        let quota = Quota {
            bucket: "comments",
            burst: 2,
            period_ms: 300_000,
        };
        assert_eq!(t.rate_check(quota, "k1").unwrap(), Ok(()));
        assert_eq!(t.rate_check(quota, "k1").unwrap(), Ok(()));
        let wait = t.rate_check(quota, "k1").unwrap().unwrap_err();
        assert!((299..=300).contains(&wait), "{}: {wait}", t.engine);
        // Another key, or another bucket, has its own allowance.
        assert_eq!(t.rate_check(quota, "k2").unwrap(), Ok(()));
        let likes = Quota {
            bucket: "likes",
            ..quota
        };
        assert_eq!(t.rate_check(likes, "k1").unwrap(), Ok(()));
        // A short period refills: after it the key is forgotten and passes again.
        let quick = Quota {
            bucket: "views",
            burst: 1,
            period_ms: 30,
        };
        assert_eq!(t.rate_check(quick, "k1").unwrap(), Ok(()));
        assert!(t.rate_check(quick, "k1").unwrap().is_err());
        std::thread::sleep(std::time::Duration::from_millis(60));
        assert!(t.rate_prune().unwrap() >= 1, "{}", t.engine);
        assert_eq!(t.rate_check(quick, "k1").unwrap(), Ok(()));
    }
}

#[test]
fn a_secret_is_made_once_and_kept() {
    for t in engines("secrets") {
        let first = t.secret("k", &|| "one".into()).unwrap();
        let second = t.secret("k", &|| "two".into()).unwrap();
        assert_eq!(
            (first.as_str(), second.as_str()),
            ("one", "one"),
            "{}",
            t.engine
        );
    }
}
