//! The audit log's page: who approved, rejected or hid which comment, and when.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use page::desk::AuditEntry;

use crate::desk::answer::{page, see_other};
use crate::desk::listing::{moderator, vn_time};
use crate::desk::session::session;
use crate::http::blocking::with_db;
use crate::http::error::ApiError;
use crate::state::Shared;

/// `GET {desk}/nhat-ky`: the audit log.
pub async fn audit(State(state): State<Shared>, headers: HeaderMap) -> Result<Response, ApiError> {
    let Some((_, session)) = session(&state, &headers).await? else {
        return Ok(see_other(&format!("{}/dang-nhap", state.desk.path)));
    };
    let rows = with_db(&state.db, |db| db.audit(500)).await?;
    let rows: Vec<AuditEntry<'_>> = rows
        .iter()
        .map(|r| AuditEntry {
            time: vn_time(r.at),
            actor: &r.actor,
            action: &r.action,
            comment_id: &r.comment_id,
            comment: r.comment.as_ref().map(|(s, b)| (s.as_str(), b.as_str())),
            article: r.article.as_deref(),
        })
        .collect();
    Ok(page(
        StatusCode::OK,
        page::desk::audit(&state.desk.path, &moderator(&session), &rows),
    ))
}
