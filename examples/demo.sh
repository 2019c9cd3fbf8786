#!/usr/bin/env bash
# Builds safecarry and runs a real seal and open of the bundled sample files, using a
# passphrase file so it runs without typing. Everything happens in a temporary folder.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
cargo build --release --locked --manifest-path "$repo/Cargo.toml"
# Where cargo put it: CARGO_TARGET_DIR if set (relative to where this was started), else
# the repository's target folder.
target_dir=${CARGO_TARGET_DIR:-$repo/target}
case $target_dir in /*) ;; *) target_dir="$PWD/$target_dir" ;; esac
bin="$target_dir/release/safecarry"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/stick" "$work/home"
# A policy and ledger of the demo's own, so the machine's settings are not touched.
: > "$work/policy.toml"
export SAFECARRY_POLICY="$work/policy.toml" SAFECARRY_LEDGER="$work/ledger.jsonl"
printf 'tulip anchor velvet gravy orbit\n' > "$work/passphrase.txt"

echo "== Sealing the sample folder onto a pretend memory stick"
"$bin" seal "$here/samples/Year 6 residential trip" --to "$work/stick" --passphrase-file "$work/passphrase.txt"
echo
echo "== What is on the stick (one encrypted file, nothing readable):"
ls -l "$work/stick"
echo
echo "== Opening it again at home"
"$bin" open "$work/stick/Year 6 residential trip.age" --to "$work/home" --passphrase-file "$work/passphrase.txt"
echo
if diff -r "$here/samples/Year 6 residential trip" "$work/home/Year 6 residential trip"; then
  echo "== The restored files are identical to the originals."
else
  echo "== The restored files differ from the originals!" >&2
  exit 1
fi
