#!/usr/bin/env bash
# Ledger benchmark: `ledger verify` on 100,000 entries beside `sha256sum` over the same file
# (target: within 3x), and `ledger show` with a filter. Uses hyperfine when installed.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-100000}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet --bin safecarry --example ledger-fill
BIN="$CARGO_TARGET_DIR/release/safecarry"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
LEDGER="$WORK/ledger.jsonl"
touch "$WORK/policy.toml"
export SAFECARRY_POLICY="$WORK/policy.toml" SAFECARRY_LEDGER="$LEDGER"
"$CARGO_TARGET_DIR/release/examples/ledger-fill" "$LEDGER" "$N"
echo "ledger: $N entries, $(du -h "$LEDGER" | cut -f1); $(nproc) CPUs"
"$BIN" ledger verify
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 2 --runs 10 --export-json "$WORK/h.json" \
    "sha256sum $LEDGER" "$BIN ledger verify" "$BIN ledger show --user amy --since 2025-03-10"
  python3 - "$WORK/h.json" <<'PY'
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
s = [v for k, v in r.items() if k.startswith("sha256sum")][0]
v = [v for k, v in r.items() if k.endswith("ledger verify")][0]
print(f"ledger verify / sha256sum = {v / s:.2f}x (target <= 3x)")
PY
else
  for c in "sha256sum $LEDGER" "$BIN ledger verify" "$BIN ledger show --user amy --since 2025-03-10"; do
    /usr/bin/time -f "%e s  $c" $c >/dev/null
  done
fi
