//! What the desk's pages show of a comment beside its row: its article's title and link,
//! times in Vietnam time, the moderator, and the notice after an action.

use std::collections::HashMap;

use page::desk::{Comment, Done, Listed, Moderator};

use crate::clock;
use crate::db::desk_rows::{DeskComment, Session};
use crate::desk::form::field;
use crate::state::Shared;

/// The most comments one page lists.
pub const PAGE_LIMIT: u32 = 200;

/// Vietnam time (GMT+7, no daylight saving) of a Unix time: `26/11/2026 08:51`.
pub fn vn_time(unix: i64) -> String {
    let utc = clock::rfc3339_utc(unix + 7 * 3600);
    // 2026-11-26T08:51:00Z
    format!(
        "{}/{}/{} {}",
        &utc[8..10],
        &utc[5..7],
        &utc[0..4],
        &utc[11..16]
    )
}

fn vn_time_of(rfc3339: &str) -> String {
    contract::time::parse_rfc3339(rfc3339).map_or_else(|| rfc3339.to_string(), vn_time)
}

/// An article's title and its address for a reader (under `--site-url` when known).
pub async fn article_of(state: &Shared, slug: &str) -> (String, Option<String>) {
    match state.content.article(slug).await {
        Ok(a) => {
            let base = state.site_url.as_deref().unwrap_or("/");
            (
                a.title.clone(),
                Some(format!("{base}{}/{}", a.category.slug, a.slug)),
            )
        }
        Err(_) => (slug.to_string(), None),
    }
}

/// The comments as the desk's pages list them: each with its article's title and link and
/// its time in Vietnam time.
pub async fn listed<'a>(state: &Shared, comments: &'a [DeskComment]) -> Vec<Listed<'a>> {
    // Many comments of one article: its file is read and parsed once per page.
    let mut articles: HashMap<&str, (String, Option<String>)> = HashMap::new();
    let mut out = Vec::with_capacity(comments.len());
    for c in comments {
        if !articles.contains_key(c.slug.as_str()) {
            let info = article_of(state, &c.slug).await;
            articles.insert(&c.slug, info);
        }
        let (title, link) = articles[c.slug.as_str()].clone();
        out.push(Listed {
            comment: Comment {
                id: &c.id,
                author_name: &c.author_name,
                body: &c.body,
                created_at: &c.created_at,
                flag: c.flag.as_deref(),
                parent: c.parent.as_ref().map(|(a, b)| (a.as_str(), b.as_str())),
            },
            title,
            link,
            time: vn_time_of(&c.created_at),
        });
    }
    out
}

/// The logged-in moderator, as the pages show them.
pub fn moderator(session: &Session) -> Moderator<'_> {
    Moderator {
        user: &session.user,
        csrf: &session.csrf,
    }
}

/// The notice after an action, from fixed words only (nothing of the query is echoed).
pub fn notice(query: &[(String, String)]) -> Option<String> {
    let n: u32 = field(query, "so")?.parse().ok()?;
    let done = match field(query, "xong")? {
        "duyet" => Done::Approved,
        "tu-choi" => Done::Rejected,
        "an" => Done::Hidden,
        _ => return None,
    };
    Some(page::desk::notice(done, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnam_time() {
        assert_eq!(vn_time(0), "01/01/1970 07:00");
        assert_eq!(vn_time_of("2023-02-02T09:30:00Z"), "02/02/2023 16:30");
    }
}
