//! Forwarding entries to syslog (RFC 5424) and the queue of entries not yet forwarded.
//!
//! Framing: UDP sends one datagram per entry; TCP uses octet counting (RFC 6587 §3.4.1,
//! `LEN SP MSG`); `unix://PATH` sends one datagram per entry to a unix datagram socket such
//! as `/dev/log`. The queue is a high-water mark: `LEDGER.syslog-sent` holds the seq of the
//! last entry forwarded, and every entry after it is pending. Forwarding runs under the
//! ledger lock (so entries leave in order, once) with short timeouts, and its failure never
//! fails a seal: the entries stay pending and are retried by the next run that writes.

use std::io::{self, Write};
use std::net::{TcpStream, ToSocketAddrs, UdpSocket};
use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use super::entry::{self, EntryExt};
use super::store::{self, Locked};

const TIMEOUT: Duration = Duration::from_secs(2);
/// RFC 5424 private enterprise number used for the structured-data ID (`safecarry@32473`,
/// 32473 being the number RFC 5612 reserves for documentation and examples).
pub const SD_ID: &str = "safecarry@32473";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Udp(String),
    Tcp(String),
    Unix(String),
}

impl Target {
    pub fn parse(url: &str) -> Option<Target> {
        if let Some(a) = url.strip_prefix("udp://") {
            Some(Target::Udp(a.trim_end_matches('/').to_string()))
        } else if let Some(a) = url.strip_prefix("tcp://") {
            Some(Target::Tcp(a.trim_end_matches('/').to_string()))
        } else {
            url.strip_prefix("unix://")
                .map(|p| Target::Unix(p.to_string()))
        }
    }
}

/// The RFC 5424 message for one entry (without any transport framing).
pub fn message(entry: &Value) -> String {
    let event = entry.str_at(&["event"]).unwrap_or("-");
    // Facility 13 (log audit); severity 4 (warning) for failed seals, else 6 (info).
    let severity = if event == "seal_failed" { 4 } else { 6 };
    let pri = 13 * 8 + severity;
    let time = entry.str_at(&["time"]).unwrap_or("-");
    let host: String = entry
        .str_at(&["host"])
        .unwrap_or("-")
        .chars()
        .filter(|c| c.is_ascii_graphic())
        .take(255)
        .collect();
    let host = if host.is_empty() { "-".into() } else { host };
    let mut json = Vec::new();
    let _ = entry::canonical_into(entry, &mut json);
    format!(
        "<{pri}>1 {time} {host} safecarry {} ledger [{SD_ID} seq=\"{}\" hash=\"{}\" event=\"{}\"] {}",
        std::process::id(),
        entry.u64_at(&["seq"]).unwrap_or(0),
        entry.str_at(&["hash"]).unwrap_or("-"),
        event.replace(['"', '\\', ']'], "_"),
        String::from_utf8_lossy(&json)
    )
}

fn send(target: &Target, entries: &[Value]) -> (usize, io::Result<()>) {
    let mut sent = 0;
    let r = (|| -> io::Result<()> {
        match target {
            Target::Udp(addr) => {
                let to = addr
                    .to_socket_addrs()?
                    .next()
                    .ok_or_else(|| io::Error::other("no address"))?;
                let bind = if to.is_ipv4() { "0.0.0.0:0" } else { "[::]:0" };
                let sock = UdpSocket::bind(bind)?;
                sock.set_write_timeout(Some(TIMEOUT))?;
                for e in entries {
                    sock.send_to(message(e).as_bytes(), to)?;
                    sent += 1;
                }
            }
            Target::Tcp(addr) => {
                let to = addr
                    .to_socket_addrs()?
                    .next()
                    .ok_or_else(|| io::Error::other("no address"))?;
                let mut s = TcpStream::connect_timeout(&to, TIMEOUT)?;
                s.set_write_timeout(Some(TIMEOUT))?;
                for e in entries {
                    let m = message(e);
                    s.write_all(format!("{} {m}", m.len()).as_bytes())?;
                    sent += 1;
                }
                s.flush()?;
            }
            #[cfg(unix)]
            Target::Unix(path) => {
                let sock = std::os::unix::net::UnixDatagram::unbound()?;
                sock.set_write_timeout(Some(TIMEOUT))?;
                for e in entries {
                    sock.send_to(message(e).as_bytes(), path)?;
                    sent += 1;
                }
            }
            #[cfg(not(unix))]
            Target::Unix(_) => {
                return Err(io::Error::other(
                    "unix sockets are not available on this system",
                ));
            }
        }
        Ok(())
    })();
    (sent, r)
}

/// The seq of the last entry forwarded, if forwarding has ever started.
pub fn read_mark(ledger: &Path) -> Option<u64> {
    std::fs::read_to_string(store::sibling(ledger, ".syslog-sent"))
        .ok()?
        .trim()
        .parse()
        .ok()
}

fn write_mark(ledger: &Path, seq: u64) -> io::Result<()> {
    let p = store::sibling(ledger, ".syslog-sent");
    let tmp = store::sibling(ledger, ".syslog-sent.tmp");
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(format!("{seq}\n").as_bytes())?;
    f.sync_all()?;
    std::fs::rename(tmp, p)
}

/// How many entries are waiting to be forwarded, given the head seq.
pub fn pending(ledger: &Path, head_seq: u64) -> u64 {
    head_seq.saturating_sub(read_mark(ledger).unwrap_or(head_seq))
}

/// Forwards every pending entry (the ones just written and any left over from earlier
/// runs). Returns how many were sent, or the error that stopped forwarding.
pub fn forward(locked: &Locked, url: &str, new: &[Value]) -> io::Result<usize> {
    let target = Target::parse(url).ok_or_else(|| io::Error::other("bad syslog address"))?;
    let Some(first_new) = new.first().and_then(|e| e.u64_at(&["seq"])) else {
        return Ok(0);
    };
    // Forwarding starts with the first entry written after syslog was configured.
    let mark = read_mark(locked.path()).unwrap_or(first_new - 1);
    let todo: Vec<Value> = if mark + 1 == first_new {
        new.to_vec()
    } else {
        let data = std::fs::read(locked.path())?;
        store::parse_entries(&data)
            .into_iter()
            .map(|(_, v)| v)
            .filter(|v| v.u64_at(&["seq"]).is_some_and(|s| s > mark))
            .collect()
    };
    let (sent, r) = send(&target, &todo);
    if sent > 0 {
        if let Some(seq) = todo[sent - 1].u64_at(&["seq"]) {
            write_mark(locked.path(), seq)?;
        }
    } else if read_mark(locked.path()).is_none() {
        write_mark(locked.path(), mark)?;
    }
    r.map(|()| sent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn messages_follow_rfc5424_with_the_entry_as_json() {
        let e = json!({"event": "seal", "seq": 7, "hash": "ab", "time": "2025-01-02T03:04:05Z", "host": "PC 1"});
        let m = message(&e);
        assert!(
            m.starts_with("<110>1 2025-01-02T03:04:05Z PC1 safecarry "),
            "{m}"
        );
        assert!(m.contains(" ledger [safecarry@32473 seq=\"7\" hash=\"ab\" event=\"seal\"] {"));
        let json = &m[m.find("] ").unwrap() + 2..];
        assert_eq!(serde_json::from_str::<Value>(json).unwrap(), e);
    }
}
