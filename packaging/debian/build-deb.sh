#!/usr/bin/env bash
# Builds safecarry_VERSION_ARCH.deb with dpkg-deb: the binary, man page, shell completions,
# the drag-and-drop launcher and the example policy. Usage: packaging/debian/build-deb.sh [OUTDIR]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$repo/target/debian}"
cd "$repo"

cargo build --release --locked
# Where cargo put it: CARGO_TARGET_DIR if set (relative to the repository), else target/.
target_dir="${CARGO_TARGET_DIR:-target}"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)"
arch="$(dpkg --print-architecture)"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT

install -Dm755 "$target_dir/release/safecarry" "$root/usr/bin/safecarry"
install -Dm644 packaging/man/safecarry.1 "$root/usr/share/man/man1/safecarry.1"
gzip -9n "$root/usr/share/man/man1/safecarry.1"
install -Dm644 packaging/completions/safecarry.bash "$root/usr/share/bash-completion/completions/safecarry"
install -Dm644 packaging/completions/_safecarry "$root/usr/share/zsh/vendor-completions/_safecarry"
install -Dm644 packaging/completions/safecarry.fish "$root/usr/share/fish/vendor_completions.d/safecarry.fish"
install -Dm644 packaging/linux/safecarry.desktop "$root/usr/share/applications/safecarry.desktop"
install -Dm644 packaging/policy.example.toml "$root/usr/share/doc/safecarry/policy.example.toml"
install -Dm644 packaging/debian/copyright "$root/usr/share/doc/safecarry/copyright"
install -Dm644 README.md "$root/usr/share/doc/safecarry/README.md"
for d in docs/*.md; do install -Dm644 "$d" "$root/usr/share/doc/safecarry/$(basename "$d")"; done

mkdir -p "$root/DEBIAN"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" packaging/debian/control.in > "$root/DEBIAN/control"
echo "Installed-Size: $(du -sk "$root/usr" | cut -f1)" >> "$root/DEBIAN/control"

mkdir -p "$out"
deb="$out/safecarry_${version}_${arch}.deb"
dpkg-deb --build --root-owner-group "$root" "$deb" >/dev/null
echo "$deb"
