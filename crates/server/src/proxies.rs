//! The client's address behind reverse proxies (`PORTAL_TRUSTED_PROXIES`).
//!
//! Behind nginx or a load balancer every connection comes from the proxy, so
//! the per-address limits (sign-in throttle, daily code cap) would count the
//! whole country as one client. A proxy appends the address it was
//! connected from to `X-Forwarded-For`; only the proxies listed here are
//! believed, so a client cannot name any address it likes: the client is the
//! right-most entry that is not a trusted proxy. A request from an address
//! that is not a trusted proxy is its own client, whatever its header says.

use std::net::IpAddr;

/// An address or a CIDR range (`10.0.0.0/8`, `fd00::/8`, `192.168.1.7`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    base: IpAddr,
    prefix: u8,
}

impl Range {
    /// Reads one entry: an IPv4 or IPv6 address, optionally `/prefix`; the
    /// bits after the prefix must be zero (a typo such as `10.0.0.1/8` is
    /// refused rather than guessed).
    pub fn parse(text: &str) -> Result<Range, String> {
        let text = text.trim();
        let (addr, prefix) = match text.split_once('/') {
            Some((addr, prefix)) => (addr, Some(prefix)),
            None => (text, None),
        };
        let base: IpAddr = addr
            .parse()
            .map_err(|_| format!("{text:?} is not an IP address or CIDR range"))?;
        let base = base.to_canonical();
        let bits = max_bits(base);
        let prefix = match prefix {
            None => bits,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= bits)
                .ok_or_else(|| format!("{text:?}: the prefix length must be 0 to {bits}"))?,
        };
        let range = Range { base, prefix };
        if masked(base, prefix) != bits_of(base) {
            return Err(format!(
                "{text:?}: address bits set after the prefix (did you mean {}/{prefix}?)",
                from_bits(base, masked(base, prefix))
            ));
        }
        Ok(range)
    }

    /// Whether `ip` is in the range (IPv4-mapped IPv6 addresses count as
    /// their IPv4 address).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        match (self.base, ip) {
            (IpAddr::V4(_), IpAddr::V4(_)) | (IpAddr::V6(_), IpAddr::V6(_)) => {
                masked(ip, self.prefix) == masked(self.base, self.prefix)
            }
            _ => false,
        }
    }
}

fn max_bits(ip: IpAddr) -> u8 {
    match ip {
        IpAddr::V4(_) => 32,
        IpAddr::V6(_) => 128,
    }
}

/// The address as a number, left-aligned in 128 bits.
fn bits_of(ip: IpAddr) -> u128 {
    match ip {
        IpAddr::V4(v4) => u128::from(u32::from(v4)) << 96,
        IpAddr::V6(v6) => u128::from(v6),
    }
}

fn masked(ip: IpAddr, prefix: u8) -> u128 {
    let mask = if prefix == 0 {
        0
    } else {
        u128::MAX << (128 - u32::from(prefix))
    };
    bits_of(ip) & mask
}

fn from_bits(like: IpAddr, bits: u128) -> IpAddr {
    match like {
        IpAddr::V4(_) => IpAddr::V4(((bits >> 96) as u32).into()),
        IpAddr::V6(_) => IpAddr::V6(bits.into()),
    }
}

/// The proxies whose `X-Forwarded-For` is believed (empty: none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Range>);

impl TrustedProxies {
    /// Reads `PORTAL_TRUSTED_PROXIES`: comma-separated addresses or ranges.
    pub fn parse(text: &str) -> Result<TrustedProxies, String> {
        text.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(Range::parse)
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    /// Whether `ip` is one of the trusted proxies.
    pub fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|r| r.contains(ip))
    }

    /// The client of a request that came from `peer` with the
    /// `X-Forwarded-For` values `forwarded` (in header order): walking from
    /// the right, the first entry that is not a trusted proxy. The walk stops
    /// at an entry that is no address (the last trusted hop is then the
    /// client: what it was sent cannot be read), and behind trusted proxies
    /// only the last trusted one is left when every entry is trusted.
    pub fn client<'a>(&self, peer: IpAddr, forwarded: impl Iterator<Item = &'a [u8]>) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.trusts(client) {
            return client;
        }
        let mut entries: Vec<&[u8]> = Vec::new();
        for value in forwarded {
            entries.extend(value.split(|b| *b == b','));
        }
        for entry in entries.into_iter().rev() {
            let Some(ip) = std::str::from_utf8(entry)
                .ok()
                .and_then(|s| s.trim().parse::<IpAddr>().ok())
            else {
                return client;
            };
            client = ip.to_canonical();
            if !self.trusts(client) {
                return client;
            }
        }
        client
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn proxies(s: &str) -> TrustedProxies {
        TrustedProxies::parse(s).unwrap()
    }

    #[test]
    fn ranges_parse_and_match() {
        let r = Range::parse("10.0.0.0/8").unwrap();
        assert!(r.contains(ip("10.200.3.4")));
        assert!(!r.contains(ip("11.0.0.1")));
        assert!(r.contains(ip("::ffff:10.1.2.3")));
        assert!(!r.contains(ip("::1")));
        let one = Range::parse(" 192.168.1.7 ").unwrap();
        assert!(one.contains(ip("192.168.1.7")));
        assert!(!one.contains(ip("192.168.1.8")));
        let v6 = Range::parse("fd00::/8").unwrap();
        assert!(v6.contains(ip("fd12::1")));
        assert!(!v6.contains(ip("fe80::1")));
        assert!(Range::parse("0.0.0.0/0").unwrap().contains(ip("8.8.8.8")));
        assert!(Range::parse("::1").unwrap().contains(ip("::1")));
    }

    #[test]
    fn bad_entries_are_refused_with_the_reason() {
        for bad in [
            "10.0.0/8",
            "10.0.0.0/33",
            "fd00::/129",
            "nginx",
            "10.0.0.0/x",
            "10.0.0.1/8",
        ] {
            let e = TrustedProxies::parse(&format!("127.0.0.1, {bad}")).unwrap_err();
            assert!(e.contains(bad), "{bad}: {e}");
        }
        assert!(Range::parse("10.0.0.1/8")
            .unwrap_err()
            .contains("10.0.0.0/8"));
        assert_eq!(
            TrustedProxies::parse(" , ").unwrap(),
            TrustedProxies::default()
        );
    }

    fn client(p: &TrustedProxies, peer: &str, headers: &[&str]) -> IpAddr {
        p.client(ip(peer), headers.iter().map(|h| h.as_bytes()))
    }

    #[test]
    fn the_client_is_the_right_most_untrusted_entry() {
        let p = proxies("127.0.0.1, 10.0.0.0/8");
        // Through two trusted proxies; what the client wrote itself (the
        // left-most entries) is ignored.
        assert_eq!(
            client(&p, "127.0.0.1", &["6.6.6.6, 203.0.113.9, 10.1.1.1"]),
            ip("203.0.113.9")
        );
        // Several headers are one list.
        assert_eq!(
            client(&p, "127.0.0.1", &["6.6.6.6", "203.0.113.9"]),
            ip("203.0.113.9")
        );
        // An untrusted peer is the client, whatever it claims.
        assert_eq!(client(&p, "198.51.100.2", &["1.2.3.4"]), ip("198.51.100.2"));
        // No header: the proxy itself.
        assert_eq!(client(&p, "127.0.0.1", &[]), ip("127.0.0.1"));
        // Only trusted entries: the left-most of them.
        assert_eq!(client(&p, "127.0.0.1", &["10.0.0.5"]), ip("10.0.0.5"));
        // A malformed entry stops the walk at the last trusted hop.
        assert_eq!(
            client(&p, "127.0.0.1", &["1.2.3.4, garbage, 10.0.0.5"]),
            ip("10.0.0.5")
        );
        assert_eq!(client(&p, "127.0.0.1", &["unknown"]), ip("127.0.0.1"));
        assert_eq!(client(&p, "127.0.0.1", &[""]), ip("127.0.0.1"));
        // Without trusted proxies the peer, always.
        assert_eq!(
            client(&TrustedProxies::default(), "127.0.0.1", &["1.2.3.4"]),
            ip("127.0.0.1")
        );
        // IPv6 and mapped addresses.
        assert_eq!(
            client(&p, "::ffff:127.0.0.1", &["2001:db8::7"]),
            ip("2001:db8::7")
        );
    }

    #[test]
    fn non_utf8_entries_stop_the_walk() {
        let p = proxies("127.0.0.1");
        let bytes: &[u8] = b"1.2.3.4, \xff\xfe";
        assert_eq!(
            p.client(ip("127.0.0.1"), [bytes].into_iter()),
            ip("127.0.0.1")
        );
    }
}
