//! HTTP around the handlers: accepting connections, who a client is, CORS, security
//! headers, compression, static files, the error answers (a full disk's among them), rate limits and the health check.
//! Nothing here knows the contract's endpoints (`api`) or the pages (`site`).

pub mod blocking;
pub mod client;
pub mod compress;
pub mod cors;
pub mod disk_full;
pub mod error;
pub mod etag;
pub mod health;
pub mod listener;
pub mod rate_limit;
pub mod security;
pub mod static_files;
