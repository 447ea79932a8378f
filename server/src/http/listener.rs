//! Accepting connections with the limits a public server needs and `axum::serve` does not
//! offer: a request head must arrive within a time limit, one client may hold only so many
//! connections, and a shutdown waits for the requests under way no longer than a deadline.
//! Each connection is hyper's HTTP/1 with the router as its service.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::http::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::ServiceExt;

use crate::http::client::{ClientKey, TrustedProxies};

/// How connections are kept.
#[derive(Debug, Clone)]
pub struct Limits {
    /// A request head (and the next one on a kept-alive connection) must arrive within it.
    pub header_timeout: Duration,
    /// Open connections per client; a trusted proxy carries many readers and has no cap.
    pub per_client: usize,
    /// How long a shutdown waits for the requests under way.
    pub shutdown_grace: Duration,
    /// The reverse proxies in front of the server.
    pub trusted: Vec<IpAddr>,
}

/// Serves `router` on `listener` until `shutdown` completes, then stops accepting and gives
/// the connections under way `limits.shutdown_grace` to finish.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let open = Arc::new(OpenConnections::default());
    let trusted = TrustedProxies::new(limits.trusted.clone());
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors, most often: the connections that time out
                    // will free some. Accepting again at once would spin.
                    tracing::warn!("accept: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let slot = if trusted.contains(peer.ip()) {
            None
        } else {
            match open.take(ClientKey::of(peer.ip()), limits.per_client) {
                Some(slot) => Some(slot),
                // Closed at once: a client over its cap gets no more of the server.
                None => continue,
            }
        };
        let _ = stream.set_nodelay(true);
        let service = router
            .clone()
            .map_request(move |mut req: Request<Incoming>| {
                req.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
                req
            });
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout)
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_grace) => {
            tracing::warn!(
                "shutdown: connections still open after {:?}, closing them",
                limits.shutdown_grace
            );
        }
    }
}

/// Open connections per client.
#[derive(Default)]
struct OpenConnections(Mutex<HashMap<ClientKey, usize>>);

impl OpenConnections {
    /// A slot for one more connection of `client`, or `None` at the cap.
    fn take(self: &Arc<Self>, client: ClientKey, cap: usize) -> Option<Slot> {
        let mut counts = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let n = counts.entry(client).or_insert(0);
        if *n >= cap {
            return None;
        }
        *n += 1;
        Some(Slot {
            open: Arc::clone(self),
            client,
        })
    }
}

/// One open connection, counted until it is dropped.
struct Slot {
    open: Arc<OpenConnections>,
    client: ClientKey,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut counts = self.open.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(n) = counts.get_mut(&self.client) {
            *n -= 1;
            if *n == 0 {
                counts.remove(&self.client);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_holds_at_most_its_cap_and_a_closed_connection_frees_its_slot() {
        let open = Arc::new(OpenConnections::default());
        let a = ClientKey::of("192.0.2.1".parse().unwrap());
        let b = ClientKey::of("192.0.2.2".parse().unwrap());
        let first = open.take(a, 2).unwrap();
        let _second = open.take(a, 2).unwrap();
        assert!(open.take(a, 2).is_none());
        assert!(open.take(b, 2).is_some(), "another client is not affected");
        drop(first);
        assert!(open.take(a, 2).is_some());
    }
}
