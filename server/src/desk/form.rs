//! The desk's form bodies and query strings (`application/x-www-form-urlencoded`).

use axum::body::Body;

use crate::http::error::ApiError;

/// The most bytes of a desk form (a bulk action names at most a few hundred ids).
const FORM_LIMIT: usize = 64 * 1024;

/// The form fields of a body.
pub fn form(bytes: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(bytes).into_owned().collect()
}

/// The first value of the field `name`.
pub fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The fields of a body of at most [`FORM_LIMIT`] bytes.
pub async fn read_form(body: Body) -> Result<Vec<(String, String)>, ApiError> {
    let bytes = axum::body::to_bytes(body, FORM_LIMIT)
        .await
        .map_err(|_| ApiError::TooLarge)?;
    Ok(form(&bytes))
}

/// The fields of a query string.
pub fn query_of(raw: Option<String>) -> Vec<(String, String)> {
    raw.map(|q| form(q.as_bytes())).unwrap_or_default()
}
