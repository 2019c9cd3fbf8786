#!/usr/bin/env bash
# Scan throughput of `safecarry scan` beside ripgrep running the same identifier regexes
# over the same files, in the same run.
#
# What is measured:
#   1. A generated mixed set of about BENCH_MB MB (default 100): large CSV "MIS exports"
#      (UPN, names - some non-ASCII -, dates of birth, postcodes, ULNs, phones, emails...)
#      and large plain-text files (policy-like prose with non-ASCII punctuation, with
#      occasional names and identifiers). Generated deterministically (fixed seed).
#   2. The project's test corpus, tests/corpus/files (mixed formats, about 2 MB).
#   3. Memory flatness: safecarry on a set a quarter of the size (same files, each a
#      quarter as long), to compare peak RSS with the full set.
#
# Commands timed (each BENCH_RUNS times; median wall time, highest peak RSS as reported by
# /usr/bin/time -f '%e %M'):
#   safecarry scan --json DIR > /dev/null            (exit 4 expected: personal data found)
#   rg --count-matches -e P1 -e P2 ... DIR > /dev/null (all threads, rg's default)
#   rg -j1 --count-matches -e P1 ... DIR > /dev/null   (one thread, as safecarry scans)
# P1... are the `pattern = '...'` lines of the [[identifier]] rules in
# src/detect/rules.toml, passed to rg exactly as written there (ASCII word boundaries
# `(?-u:\b)`; rg uses the same regex syntax and engine as the Rust regex crate).
#
# rg is a LOWER BOUND, not an equivalent program: it only finds identifier candidates.
# safecarry also confirms candidates with check-digit validators and context rules,
# finds sensitive keywords (Aho-Corasick), finds names (tokenising + dictionary lookups),
# parses CSV into cells with headers, extracts text from docx/xlsx/pdf, and writes a JSON
# report per file. On the corpus, rg reads docx/xlsx/pdf as raw (compressed) bytes and
# skips files it deems binary, so its corpus figure covers only the plain-text files.
#
# Usage:  bash benches/scan-vs-rg.sh
# Environment:
#   BENCH_MB     size of the generated set in MB (default 100)
#   BENCH_RUNS   repetitions of each measurement (default 3)
#   BENCH_DIR    folder for the temporary files (default $TMPDIR or /tmp); needs room for
#                about 1.25 x BENCH_MB
#   SAFECARRY    safecarry binary to measure (default: build target/release/safecarry)

set -euo pipefail

MB=${BENCH_MB:-100}
RUNS=${BENCH_RUNS:-3}
BASE=${BENCH_DIR:-${TMPDIR:-/tmp}}

die() { echo "scan-vs-rg: $*" >&2; exit 1; }
note() { echo "$*" >&2; }

[[ $MB =~ ^[1-9][0-9]*$ ]] || die "BENCH_MB must be a positive whole number (got '$MB')"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive whole number (got '$RUNS')"

# --- tools -------------------------------------------------------------------------------
need_install=()
command -v rg >/dev/null 2>&1 || need_install+=(ripgrep)
[[ -x /usr/bin/time ]] || need_install+=(time)
if ((${#need_install[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    note "installing ${need_install[*]} with apt-get..."
    { apt-get update >/dev/null && apt-get install -y "${need_install[@]}" >/dev/null; } ||
      die "could not install ${need_install[*]} with apt-get"
  else
    die "missing ${need_install[*]}: install them first" \
      "(Debian/Ubuntu: sudo apt-get install ${need_install[*]})"
  fi
fi
command -v rg >/dev/null 2>&1 || die "rg (ripgrep) not found after installing"
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found after installing"
command -v python3 >/dev/null 2>&1 || die "python3 is needed to generate the data set"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RULES="$ROOT/src/detect/rules.toml"
CORPUS="$ROOT/tests/corpus/files"
[[ -f $RULES ]] || die "rules not found at $RULES"
[[ -d $CORPUS ]] || die "test corpus not found at $CORPUS"

if [[ -z ${SAFECARRY:-} ]]; then
  note "building safecarry (cargo build --release)..."
  (cd "$ROOT" && cargo build --release --quiet) || die "cargo build --release failed"
  target_dir=${CARGO_TARGET_DIR:-target}
  [[ $target_dir == /* ]] || target_dir="$ROOT/$target_dir"
  SAFECARRY="$target_dir/release/safecarry"
fi
[[ -x $SAFECARRY ]] || die "safecarry binary not found at $SAFECARRY"

mkdir -p "$BASE"
WORK=$(mktemp -d "$BASE/safecarry-scanbench.XXXXXX")
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# An empty policy, so that the machine's policy is not used.
: >"$WORK/policy.toml"
export SAFECARRY_POLICY="$WORK/policy.toml"

# --- patterns ----------------------------------------------------------------------------
# The identifier patterns, exactly as in rules.toml (single-quoted TOML literal strings).
mapfile -t PATTERNS < <(awk '
  /^\[\[/ { in_id = ($0 == "[[identifier]]") }
  in_id && /^pattern = '"'"'/ {
    p = $0; sub(/^pattern = '"'"'/, "", p); sub(/'"'"'[[:space:]]*$/, "", p); print p
  }' "$RULES")
((${#PATTERNS[@]} > 0)) || die "no identifier patterns found in $RULES"
RG_ARGS=(--no-config --no-ignore --hidden --count-matches)
for p in "${PATTERNS[@]}"; do RG_ARGS+=(-e "$p"); done
note "${#PATTERNS[@]} identifier patterns from src/detect/rules.toml"

# --- data --------------------------------------------------------------------------------
GEN="$WORK/gen.py"
cat >"$GEN" <<'PY'
import os, random, sys

out, total_mb = sys.argv[1], float(sys.argv[2])
total = int(total_mb * 1_000_000)
rng = random.Random(20261122)
os.makedirs(out, exist_ok=True)

FORENAMES = ["Oliver", "Amelia", "Harry", "Isla", "Jack", "Ava", "George", "Mia", "Noah",
             "Grace", "Leo", "Freya", "Muhammad", "Aisha", "Yusuf", "Fatima", "Chidera",
             "Amara", "Ellis", "Jayden", "Minh Anh", "Harpreet", "Abdirahman", "Sophie",
             "Zoë", "Łukasz", "Siobhán", "Chloé", "José", "Renée", "Björn", "Ngozi",
             "Zofia", "Małgorzata", "Seán", "Aoife", "Niamh", "Dáithí", "Eliška", "Jürgen"]
SURNAMES = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
            "Patel", "Khan", "Begum", "Hussain", "Okafor", "Nwosu", "Nguyen", "Kaur",
            "Farah", "Clarke", "Hughes", "Bennett", "Kowalczyk", "Wiśniewski", "Ó Briain",
            "Müller", "Gallagher", "O'Connor", "Nowak", "Dąbrowska", "Lefèvre", "Núñez"]
STREETS = ["Elm Road", "Church Lane", "Primrose Close", "Market Street", "Oak Avenue",
           "Station Road", "Mill Lane", "Victoria Terrace", "Park View", "Beech Grove"]
TOWNS = ["Leeds", "Bradford", "Sheffield", "York", "Hull", "Wakefield", "Halifax"]
SEN = ["N", "N", "N", "N", "K", "E", "N", "N"]
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"

def upn():
    body = "".join(rng.choice("0123456789") for _ in range(12))
    if rng.random() < 0.85:   # a valid check letter; the rest are UPN-shaped strings
        total = sum((i + 2) * int(c) for i, c in enumerate(body[:11])) + 13 * int(body[11])
        return UPN_LETTERS[total % 23] + body
    return rng.choice(UPN_LETTERS) + body

def uln():
    while True:
        d = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(9)]
        if rng.random() < 0.2 or sum((10 - i) * v for i, v in enumerate(d)) % 11 == 10:
            return "".join(map(str, d))

def dob():
    return "%02d/%02d/%d" % (rng.randint(1, 28), rng.randint(1, 12), rng.randint(2008, 2020))

def postcode():
    a = rng.choice(["LS", "BD", "S", "YO", "HU", "WF", "HX", "M", "B", "SW"])
    return "%s%d %d%s%s" % (a, rng.randint(1, 29), rng.randint(1, 9),
                            rng.choice("ABDEFGHJLNPQRSTUWXYZ"), rng.choice("ABDEFGHJLNPQRSTUWXYZ"))

def mobile():
    return "07%03d %06d" % (rng.randint(100, 999), rng.randint(0, 999999))

def nino():
    return "%s%s%06d%s" % (rng.choice("ABCEGHJKLMNPRSTWXYZ"), rng.choice("ABCEGHJKLMNPRSTWXYZ"),
                           rng.randint(0, 999999), rng.choice("ABCD"))

def email(f, s):
    ascii_ = lambda x: "".join(c for c in x.lower() if "a" <= c <= "z")
    return "%s.%s@example.org" % (ascii_(f) or "pupil", ascii_(s) or "x")

HEADER = ("UPN,Legal Surname,Forename,DOB,Postcode,SEN Status,Gender,Year,Reg Group,ULN,"
          "FSM,Mobile,Email,Address,Ethnicity,Medical Notes\n")
MEDICAL = ["", "", "", "", "Asthma - inhaler in bag", "Nut allergy, EpiPen in office",
           "", "Diabetic", "", "Eczema"]
ETHN = ["WBRI", "WBRI", "WOTH", "APKN", "BAFR", "MWBC", "CHNE", "WIRI", "AIND"]

def csv_file(path, size):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        n, buf = len(HEADER.encode()), []
        while n < size:
            fn, sn = rng.choice(FORENAMES), rng.choice(SURNAMES)
            row = "%s,%s,%s,%s,%s,%s,%s,%d,%d%s,%s,%s,%s,%s,\"%d %s, %s\",%s,%s\n" % (
                upn(), sn, fn, dob(), postcode(), rng.choice(SEN), rng.choice("MF"),
                rng.randint(1, 11), rng.randint(1, 11), rng.choice("ABCDE"), uln(),
                rng.choice(["Y", "N", "N", "N"]), mobile(), email(fn, sn),
                rng.randint(1, 200), rng.choice(STREETS), rng.choice(TOWNS),
                rng.choice(ETHN), rng.choice(MEDICAL))
            buf.append(row)
            n += len(row.encode())
            if len(buf) >= 2000:
                f.write("".join(buf)); buf = []
        f.write("".join(buf))

WORDS = ("the school will ensure that all staff governors and volunteers understand their "
         "responsibilities under this policy and that pupils are supported to learn in a safe "
         "environment where concerns are raised promptly recorded accurately and shared with "
         "the designated safeguarding lead in line with statutory guidance from the local "
         "authority and the department for education this policy is reviewed annually by the "
         "governing body and published on the website parents and carers may request a copy "
         "attendance behaviour curriculum assessment inclusion equality wellbeing provision "
         "résumé café naïve rôle déjà").split()
PUNCT = ["“", "”", " – ", "…", "’s", ", ", "; ", ": "]

def sentence():
    k = rng.randint(8, 24)
    w = [rng.choice(WORDS) for _ in range(k)]
    w[0] = w[0].capitalize()
    for _ in range(rng.randint(0, 3)):
        i = rng.randrange(1, k)
        p = rng.choice(PUNCT)
        w[i] = "“" + w[i] + "”" if p in ("“", "”") else w[i] + p.rstrip()
    r = rng.random()
    if r < 0.04:
        w.append("contact %s %s on %s" % (rng.choice(FORENAMES), rng.choice(SURNAMES), mobile()))
    elif r < 0.06:
        w.append("UPN %s" % upn())
    elif r < 0.07:
        w.append("(DOB %s, NI number %s)" % (dob(), nino()))
    elif r < 0.09:
        w.append("in %d section %d.%d of the %d guidance" % (rng.randint(1, 30), rng.randint(1, 12),
                                                         rng.randint(1, 9), rng.randint(2015, 2026)))
    return " ".join(w) + "."

def text_file(path, size):
    with open(path, "w", encoding="utf-8") as f:
        n, buf = 0, []
        while n < size:
            para = " ".join(sentence() for _ in range(rng.randint(2, 6))) + "\n"
            if rng.random() < 0.1:
                para = "%d. %s\n" % (rng.randint(1, 40), "Policy section – “%s”" % rng.choice(WORDS)) + para
            buf.append(para)
            n += len(para.encode())
            if len(buf) >= 500:
                f.write("".join(buf)); buf = []
        f.write("".join(buf))

# 60 % CSV in 4 files, 40 % text in 4 files.
for i in range(4):
    csv_file(os.path.join(out, "mis-export-%d.csv" % (i + 1)), total * 0.6 / 4)
for i in range(4):
    text_file(os.path.join(out, "policy-%d.txt" % (i + 1)), total * 0.4 / 4)
PY

SET="$WORK/set"
QSET="$WORK/quarter"
note "generating the ${MB} MB set and a quarter-size set..."
python3 "$GEN" "$SET" "$MB"
python3 "$GEN" "$QSET" "$(python3 -c "print($MB / 4)")"

bytes_of() { du -sb --apparent-size "$1" | cut -f1; }
SET_BYTES=$(bytes_of "$SET")
QSET_BYTES=$(bytes_of "$QSET")
CORPUS_BYTES=$(bytes_of "$CORPUS")
CORPUS_FILES=$(find "$CORPUS" -type f | wc -l)
# Warm the page cache so that every tool reads from memory.
cat "$SET"/* "$QSET"/* >/dev/null
find "$CORPUS" -type f -exec cat {} + >/dev/null

# --- measuring ---------------------------------------------------------------------------
T="$WORK/time"
# measure OK_CODES CMD... : runs CMD RUNS times; sets MED (median wall s) and RSS (max KiB).
measure() {
  local ok=$1 rc walls=() rss=0 w m i t0 t1
  shift
  for ((i = 0; i < RUNS; i++)); do
    rc=0
    t0=$(date +%s%N)
    /usr/bin/time -o "$T" -f '%e %M' "$@" >/dev/null 2>"$WORK/stderr" || rc=$?
    t1=$(date +%s%N)
    [[ " $ok " == *" $rc "* ]] ||
      die "$1 exited with $rc (expected $ok): $(tail -n 3 "$WORK/stderr")"
    # Wall time from the clock (ms resolution; /usr/bin/time's %e has only 10 ms), peak
    # RSS (KiB) from /usr/bin/time.
    w=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    read -r _ m < <(tail -n 1 "$T")
    walls+=("$w")
    ((m > rss)) && rss=$m
  done
  MED=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  RSS=$rss
}
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", b / 1e6 / s; else print "inf" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "inf" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
rg_total() { rg "${RG_ARGS[@]}" --no-filename "$1" 2>/dev/null | awk '{s += $1} END {print s + 0}'; }

ROWS=()
row() { ROWS+=("$(printf '| %-24s | %-16s | %8s | %8s | %8s | %8s |' "$@")"); }

bench_set() { # NAME DIR BYTES
  local name=$1 dir=$2 bytes=$3 sc_t sc_m rg_t rg_m rg1_t rg1_m
  note "timing safecarry scan on $name ($RUNS runs)..."
  measure "4" "$SAFECARRY" scan --json "$dir"
  sc_t=$MED sc_m=$RSS
  note "timing rg on $name ($RUNS runs each, all threads and -j1)..."
  measure "0 1" rg "${RG_ARGS[@]}" "$dir"
  rg_t=$MED rg_m=$RSS
  measure "0 1" rg -j1 "${RG_ARGS[@]}" "$dir"
  rg1_t=$MED rg1_m=$RSS
  row "$name" "safecarry scan" "$sc_t" "$(mbps "$bytes" "$sc_t")" "$(mib "$sc_m")" "-"
  row "$name" "rg (all threads)" "$rg_t" "$(mbps "$bytes" "$rg_t")" "$(mib "$rg_m")" "$(ratio "$sc_t" "$rg_t")"
  row "$name" "rg -j1" "$rg1_t" "$(mbps "$bytes" "$rg1_t")" "$(mib "$rg1_m")" "$(ratio "$sc_t" "$rg1_t")"
  LAST_SC_T=$sc_t LAST_SC_M=$sc_m
}

SET_LABEL=$(awk -v b="$SET_BYTES" 'BEGIN { printf "generated %.0f MB", b / 1e6 }')
QSET_LABEL=$(awk -v b="$QSET_BYTES" 'BEGIN { printf "generated %.0f MB", b / 1e6 }')
CORPUS_LABEL=$(awk -v b="$CORPUS_BYTES" -v n="$CORPUS_FILES" 'BEGIN { printf "corpus %.1f MB, %d files", b / 1e6, n }')

bench_set "$SET_LABEL" "$SET" "$SET_BYTES"
FULL_T=$LAST_SC_T FULL_M=$LAST_SC_M
bench_set "$CORPUS_LABEL" "$CORPUS" "$CORPUS_BYTES"
note "timing safecarry scan on the quarter-size set ($RUNS runs)..."
measure "4" "$SAFECARRY" scan --json "$QSET"
Q_T=$MED Q_M=$RSS
row "$QSET_LABEL" "safecarry scan" "$Q_T" "$(mbps "$QSET_BYTES" "$Q_T")" "$(mib "$Q_M")" "-"

# --- report ------------------------------------------------------------------------------
CPU=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo
echo "machine:    ${CPU:-unknown CPU}, $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
echo "safecarry:  $("$SAFECARRY" --version)"
echo "ripgrep:    $(rg --version | sed -n 1p)"
echo "python3:    $(python3 --version 2>&1)"
echo "date:       $(date -u +%Y-%m-%d)"
echo "runs:       $RUNS per measurement (median wall time, highest peak RSS)"
echo "patterns:   ${#PATTERNS[@]} identifier patterns from src/detect/rules.toml, ASCII word boundaries"
echo "rg matches: $(rg_total "$SET") candidates in the generated set, $(rg_total "$CORPUS") in the corpus"
echo
printf '| %-24s | %-16s | %8s | %8s | %8s | %8s |\n' "input" "tool" "wall s" "MB/s" "RSS MiB" "sc/rg"
printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..26})" "$(printf -- '-%.0s' {1..18})" \
  "$(printf -- '-%.0s' {1..10})" "$(printf -- '-%.0s' {1..10})" "$(printf -- '-%.0s' {1..10})" \
  "$(printf -- '-%.0s' {1..10})"
printf '%s\n' "${ROWS[@]}"
echo
echo "memory: peak RSS $(mib "$Q_M") MiB on the quarter set, $(mib "$FULL_M") MiB on the full set" \
  "($(ratio "$FULL_M" "$Q_M")x for 4x the data)"
echo "note: rg only finds identifier candidates (no validators, keywords, names, CSV parsing" \
  "or JSON); its time is a lower bound. On the corpus rg sees docx/xlsx/pdf as raw bytes."
