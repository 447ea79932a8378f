//! The moderation desk (issue 10): server-rendered pages under `--desk-path` (default
//! `/quan-tri`) where moderators log in, approve or reject pending comments and replies,
//! hide published ones, and read who did what. Plain forms and HTML from the server,
//! rather than a second wasm bundle: it works in any browser, and each form carries its
//! CSRF token. This file is the desk's route table; its pages' HTML is `page::desk`'s, its
//! database rows `db::desk_rows`.
//!
//! - `settings.rs`: what the desk was told and its login limiters (held by the state);
//! - `auth.rs`: passwords, tokens, cookies; `session.rs`: the session of a request;
//!   `csrf.rs`: the checks every POST passes; `form.rs`: form bodies and queries;
//! - handlers: `login.rs`, `queue.rs`, `published.rs`, `audit.rs`, `assets.rs`, `live.rs`
//!   (live coverage's entries, written by `site::live_writer` as the command line does), with
//!   `answer.rs` (how a desk page is answered) and `listing.rs` (what a page shows);
//! - `users.rs`: the `user` commands.

pub mod answer;
pub mod assets;
pub mod audit;
pub mod auth;
pub mod csrf;
pub mod form;
pub mod listing;
pub mod live;
pub mod login;
pub mod published;
pub mod queue;
pub mod session;
pub mod settings;
pub mod users;

use axum::routing::{get, post};
use axum::Router;

use crate::state::Shared;

/// The desk's routes, under its path.
pub fn routes(path: &str) -> Router<Shared> {
    let at = |tail: &str| format!("{path}{tail}");
    Router::new()
        .route(&at(""), get(queue::to_queue))
        .route(&at("/"), get(queue::queue))
        .route(&at("/dang-nhap"), get(login::login_form).post(login::login))
        .route(&at("/dang-xuat"), post(login::logout))
        .route(&at("/duyet"), post(queue::moderate))
        .route(&at("/da-dang"), get(published::published))
        .route(&at("/an"), post(published::hide))
        .route(&at("/nhat-ky"), get(audit::audit))
        .route(&at("/truc-tiep"), get(live::live).post(live::add))
        .route(&at("/truc-tiep/ket-thuc"), post(live::end))
        .route(&at("/desk.js"), get(assets::script))
        .route(&at("/desk.css"), get(assets::style))
}
