//! Benchmark helper: fills a ledger with N synthetic seal entries through the library,
//! in batches with one lock and one fsync per batch (real events fsync every entry).
//!
//! cargo run --release --example ledger-fill -- LEDGER N

use serde_json::json;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = std::path::PathBuf::from(args.get(1).expect("usage: ledger-fill LEDGER N"));
    let n: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let users = ["amy", "bob", "carol", "dev", "erin"];
    let mut done = 0;
    while done < n {
        let batch = (n - done).min(10_000);
        let bodies = (done..done + batch)
            .map(|i| {
                let day = 1 + (i / 4000) % 28;
                json!({
                    "v": 1, "event": "seal",
                    "time": format!("2025-03-{day:02}T{:02}:{:02}:00.000Z", (i / 60) % 24, i % 60),
                    "user": users[(i % 5) as usize], "host": "STAFF-PC1", "tool_version": "0.1.0",
                    "policy": "/etc/safecarry/policy.toml", "ledger_paths": "full",
                    "items": [{"path": format!("/home/staff/Year 6/report {i}.docx"), "kind": "file",
                               "size": 20_000 + i, "sha256": format!("{:064x}", i)}],
                    "files": 1, "bytes": 20_000 + i,
                    "detection": {"personal_data": true, "special_category": i % 7 == 0,
                        "categories": {"names": 12, "dates_of_birth": 3}, "subjects": 12,
                        "files": 1, "files_with_personal_data": 1, "files_not_inspected": 0},
                    "destination": {"kind": "removable", "label": format!("STICK{}", i % 50),
                        "volume_id": format!("{:08X}", i % 50), "path": "/media/staff/STICK"},
                    "passphrase": {"score": 4, "guesses_log10_tenths": 213, "generated": i % 2 == 0},
                    "scrypt_work_factor": 18,
                    "output": {"path": format!("/media/staff/STICK/report {i}.docx.age"),
                               "size": 20_300 + i, "sha256": format!("{:064x}", i * 7)},
                    "verified": true,
                })
                .as_object()
                .unwrap()
                .clone()
            })
            .collect();
        done += safecarry::ledger::append_batch_for_benchmarks(&path, bodies).expect("append");
    }
    eprintln!("{done} entries appended to {}", path.display());
}
