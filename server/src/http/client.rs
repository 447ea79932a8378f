//! Who a request comes from, for rate limits, view counting and the connection cap: the
//! peer's address, or, when the peer is a proxy named with `--trusted-proxy`, the address
//! that proxy wrote into `X-Forwarded-For`. Anyone can write that header, so it is believed
//! only from a proxy the operator named.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::http::HeaderMap;

/// The identity limits are keyed by: an IPv4 address, or an IPv6 /64 (one subscriber's
/// prefix: a client rotating addresses inside it stays one client).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClientKey(IpAddr);

impl ClientKey {
    /// The key of one address.
    pub fn of(ip: IpAddr) -> ClientKey {
        match ip {
            IpAddr::V4(v4) => ClientKey(IpAddr::V4(v4)),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => ClientKey(IpAddr::V4(v4)),
                None => {
                    let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                    ClientKey(IpAddr::V6(Ipv6Addr::from(prefix)))
                }
            },
        }
    }
}

impl std::fmt::Display for ClientKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            IpAddr::V4(v4) => write!(f, "{v4}"),
            IpAddr::V6(v6) => write!(f, "{v6}/64"),
        }
    }
}

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpAddr>);

impl TrustedProxies {
    /// Trusts these addresses.
    pub fn new(proxies: Vec<IpAddr>) -> Self {
        TrustedProxies(proxies)
    }

    /// True when `ip` is one of them.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|p| p.to_canonical() == ip)
    }

    /// The client of a request from `peer`: the peer itself unless it is a trusted proxy;
    /// then the nearest address in `X-Forwarded-For` that is not a trusted proxy too (the
    /// ones further left were written by the client and prove nothing).
    pub fn client(&self, peer: SocketAddr, headers: &HeaderMap) -> ClientKey {
        let peer = peer.ip();
        if !self.contains(peer) {
            return ClientKey::of(peer);
        }
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect::<Vec<_>>();
        for hop in forwarded.iter().rev() {
            match hop.parse::<IpAddr>() {
                Ok(ip) if self.contains(ip) => continue,
                Ok(ip) => return ClientKey::of(ip),
                // Garbage where an address should be: stop at the proxy itself.
                Err(_) => break,
            }
        }
        ClientKey::of(peer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    fn peer(ip: &str) -> SocketAddr {
        SocketAddr::new(ip.parse().unwrap(), 40000)
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64_prefix() {
        let a = ClientKey::of("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = ClientKey::of("2001:db8:1:2:ffff:1:2:3".parse().unwrap());
        let c = ClientKey::of("2001:db8:1:3::1".parse().unwrap());
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.to_string(), "2001:db8:1:2::/64");
        // An IPv4 client over an IPv6 socket is the IPv4 client.
        assert_eq!(
            ClientKey::of("::ffff:192.0.2.7".parse().unwrap()),
            ClientKey::of("192.0.2.7".parse().unwrap())
        );
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let none = TrustedProxies::default();
        let h = headers(&["203.0.113.9"]);
        assert_eq!(
            none.client(peer("198.51.100.1"), &h).to_string(),
            "198.51.100.1"
        );

        let proxy = TrustedProxies::new(vec!["10.0.0.5".parse().unwrap()]);
        assert_eq!(
            proxy.client(peer("10.0.0.5"), &h).to_string(),
            "203.0.113.9"
        );
        // Not from the proxy: the header is the client's own word.
        assert_eq!(
            proxy.client(peer("198.51.100.1"), &h).to_string(),
            "198.51.100.1"
        );
        // The client wrote a first entry; the proxy appended the real address.
        let spoofed = headers(&["1.2.3.4, 203.0.113.9"]);
        assert_eq!(
            proxy.client(peer("10.0.0.5"), &spoofed).to_string(),
            "203.0.113.9"
        );
        let two_headers = headers(&["1.2.3.4", "203.0.113.10"]);
        assert_eq!(
            proxy.client(peer("10.0.0.5"), &two_headers).to_string(),
            "203.0.113.10"
        );
        // No header, or garbage: the proxy itself.
        assert_eq!(
            proxy.client(peer("10.0.0.5"), &headers(&[])).to_string(),
            "10.0.0.5"
        );
        assert_eq!(
            proxy
                .client(peer("10.0.0.5"), &headers(&["nonsense"]))
                .to_string(),
            "10.0.0.5"
        );
    }
}
