//! Ledger forwarding to a real rsyslog on loopback (UDP and TCP with octet counting),
//! including entries left pending while the log server was down.

mod common;

use std::fs;
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use common::*;

struct Rsyslog(Child);

impl Drop for Rsyslog {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_ports() -> (u16, u16) {
    let u = UdpSocket::bind("127.0.0.1:0").unwrap();
    let t = TcpListener::bind("127.0.0.1:0").unwrap();
    (
        u.local_addr().unwrap().port(),
        t.local_addr().unwrap().port(),
    )
}

fn start_rsyslog(s: &Sandbox, udp: u16, tcp: u16) -> Rsyslog {
    let bin = ["/usr/sbin/rsyslogd", "/sbin/rsyslogd"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .unwrap_or_else(|| {
            panic!("rsyslogd is not installed: run `apt-get install rsyslog` (.ci/run does this)")
        });
    let dir = s.mkdir("rsyslog");
    let d = dir.display();
    let conf = format!(
        r#"global(workDirectory="{d}" maxMessageSize="64k")
module(load="imudp")
module(load="imtcp")
template(name="raw" type="string" string="%msg%\n")
ruleset(name="ledger") {{
  action(type="omfile" file="{d}/received.log" template="raw")
}}
input(type="imudp" address="127.0.0.1" port="{udp}" ruleset="ledger")
input(type="imtcp" address="127.0.0.1" port="{tcp}" ruleset="ledger")
"#
    );
    let conf_path = dir.join("rsyslog.conf");
    fs::write(&conf_path, conf).unwrap();
    let child = Command::new(bin)
        .arg("-n")
        .arg("-f")
        .arg(&conf_path)
        .arg("-i")
        .arg(dir.join("rsyslog.pid"))
        .spawn()
        .expect("start rsyslogd");
    let r = Rsyslog(child);
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", tcp)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "rsyslogd did not start listening"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    r
}

fn received(s: &Sandbox, want: usize) -> Vec<String> {
    let start = Instant::now();
    loop {
        let text = fs::read_to_string(s.path("rsyslog/received.log")).unwrap_or_default();
        let lines: Vec<String> = text.lines().map(|l| l.trim().to_string()).collect();
        if lines.len() >= want || start.elapsed() > Duration::from_secs(15) {
            return lines;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn entries_reach_rsyslog_intact_over_udp_and_tcp_and_pending_ones_follow() {
    let s = Sandbox::new();
    let (udp, tcp) = free_ports();
    s.mkdir("out");
    for i in 0..4 {
        s.write(&format!("f{i}.txt"), format!("file {i}"));
    }
    // The log server is down: the seal still succeeds and the entry waits.
    s.write(
        "policy.toml",
        format!("syslog = \"tcp://127.0.0.1:{tcp}\"\n"),
    );
    let o = s.seal(&["f0.txt", "--to", "out"]);
    assert_code(&o, 0);
    assert_stderr_has(&o, "will be sent next time");
    let o = s.cmd().args(["ledger", "verify"]).output().unwrap();
    assert_code(&o, 0);
    assert_stderr_has(&o, "1 entry is not yet forwarded");

    let _server = start_rsyslog(&s, udp, tcp);
    // TCP: this seal sends the pending entry and its own.
    assert_code(&s.seal(&["f1.txt", "--to", "out"]), 0);
    // UDP for the next two.
    s.write(
        "policy.toml",
        format!("syslog = \"udp://127.0.0.1:{udp}\"\n"),
    );
    assert_code(&s.seal(&["f2.txt", "--to", "out"]), 0);
    assert_code(&s.seal(&["f3.txt", "--to", "out"]), 0);

    let got = received(&s, 4);
    let ledger = fs::read_to_string(s.path("ledger.jsonl")).unwrap();
    let want: Vec<&str> = ledger.lines().collect();
    assert_eq!(want.len(), 4);
    assert_eq!(got.len(), 4, "received: {got:?}");
    // Each message is byte-for-byte the ledger line, in order.
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w);
    }
    let o = s.cmd().args(["ledger", "verify"]).output().unwrap();
    assert_code(&o, 0);
    assert!(stdout(&o).contains("OK: 4 entries"));
    assert!(!stderr(&o).contains("not yet forwarded"), "{}", stderr(&o));
    // The copy on the log server verifies on its own.
    s.write("copy.jsonl", format!("{}\n", got.join("\n")));
    let o = s
        .cmd()
        .env("SAFECARRY_LEDGER", s.path("copy.jsonl"))
        .args(["ledger", "verify"])
        .output()
        .unwrap();
    assert_code(&o, 0);
}
