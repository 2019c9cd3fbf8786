#!/usr/bin/env bash
# Compare safecarry with the reference age CLI (Go) on the same machine and the same data.
#
# For a small input and a large incompressible one, measures wall time and peak RSS of:
#   safecarry seal / safecarry open
#   age -p  (the reference, passphrase mode) / age -d
#   age -p followed by `sync FILE` (fsync of the output), a fairer match for safecarry's
#     seal, which fsyncs its output before placing it
#   SHA-256 of the sealed file from the page cache, and the read-back check on its own
#     (cached pages dropped, then read in full and hashed), to estimate what safecarry's
#     verification costs: its seal hashes the ciphertext as it writes it, fsyncs, then
#     reads the file back from the device and compares the hashes before renaming it
#   where one safecarry seal spends its time, split by system-call times (needs strace;
#     one extra seal per run, not counted in the main table)
# Each measurement is repeated BENCH_RUNS times; the table shows the median wall time and
# the highest peak RSS seen over the runs. Other work on the machine distorts the figures:
# a measurement during which other processes used noticeable CPU is taken again, but an
# otherwise idle machine gives the steadiest figures.
#
# Usage:  bash benches/compare-age.sh
# Environment:
#   BENCH_SIZE_MIB   size of the large input in MiB (default 1024)
#   BENCH_SMALL_MIB  size of the small input in MiB (default 1)
#   BENCH_RUNS       repetitions of each measurement (default 3)
#   BENCH_RETRIES    how often a measurement disturbed by other work is taken again
#                    (default 5)
#   BENCH_QUIET_WAIT seconds to wait, before each measurement, for the machine to be
#                    idle (default 300)
#   BENCH_DIR        folder for the temporary files (default $TMPDIR or /tmp); it needs
#                    room for about 4 times BENCH_SIZE_MIB
#   SAFECARRY        safecarry binary to measure (default: build target/release/safecarry)
#
# age reads passphrases only from the terminal, so it is driven with expect; the passphrase
# reaches safecarry through --passphrase-file and never appears on a command line.

set -euo pipefail

SIZE_MIB=${BENCH_SIZE_MIB:-1024}
SMALL_MIB=${BENCH_SMALL_MIB:-1}
RUNS=${BENCH_RUNS:-3}
RETRIES=${BENCH_RETRIES:-5}
QUIET_WAIT=${BENCH_QUIET_WAIT:-300}
BASE=${BENCH_DIR:-${TMPDIR:-/tmp}}
PASSPHRASE='tulip anchor velvet gravy orbit'

die() { echo "compare-age: $*" >&2; exit 1; }
note() { echo "$*" >&2; }

for v in SIZE_MIB SMALL_MIB RUNS; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "BENCH_$v must be a positive whole number (got '${!v}')"
done
for v in RETRIES QUIET_WAIT; do
  [[ ${!v} =~ ^[0-9]+$ ]] || die "BENCH_$v must be a whole number (got '${!v}')"
done

# --- tools -------------------------------------------------------------------------------
need_install=()
command -v age >/dev/null 2>&1 || need_install+=(age)
command -v expect >/dev/null 2>&1 || need_install+=(expect)
[[ -x /usr/bin/time ]] || need_install+=(time)
if ((${#need_install[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    note "installing ${need_install[*]}..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y age expect time >/dev/null ||
      { apt-get update >/dev/null && apt-get install -y age expect time >/dev/null; } ||
      die "could not install age, expect and time with apt-get"
  else
    die "missing ${need_install[*]}: install the reference age CLI, expect and GNU time" \
      "(Debian/Ubuntu: sudo apt-get install age expect time)"
  fi
fi
AGE=$(command -v age)
# SHA-256 for the read-back estimate: openssl uses the CPU's SHA extensions where it has
# them, as safecarry's hashing does; coreutils' sha256sum does not, and overstates the cost.
if command -v openssl >/dev/null 2>&1; then
  HASHER=openssl; HASH_CMD=(openssl dgst -sha256)
else
  command -v sha256sum >/dev/null 2>&1 || die "neither openssl nor sha256sum is installed"
  HASHER=sha256sum; HASH_CMD=(sha256sum)
fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ -z ${SAFECARRY:-} ]]; then
  note "building safecarry (cargo build --release)..."
  (cd "$ROOT" && cargo build --release --quiet) || die "cargo build --release failed"
  target_dir=${CARGO_TARGET_DIR:-target}
  [[ $target_dir == /* ]] || target_dir="$ROOT/$target_dir"
  SAFECARRY="$target_dir/release/safecarry"
fi
[[ -x $SAFECARRY ]] || die "safecarry binary not found at $SAFECARRY"

# --- workspace ---------------------------------------------------------------------------
mkdir -p "$BASE"
WORK=$(mktemp -d "$BASE/safecarry-bench.XXXXXX")
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

need_kib=$(( (SIZE_MIB * 4 + SMALL_MIB * 4 + 64) * 1024 ))
free_kib=$(df -Pk "$WORK" | awk 'NR==2 {print $4}')
((free_kib >= need_kib)) ||
  die "not enough free space in $BASE: need $((need_kib / 1024)) MiB, have $((free_kib / 1024)) MiB"

PASSFILE="$WORK/passphrase"
(umask 077 && printf '%s\n' "$PASSPHRASE" >"$PASSFILE")
: >"$WORK/policy.toml"
export SAFECARRY_POLICY="$WORK/policy.toml"
export SAFECARRY_LEDGER="$WORK/ledger.jsonl"
RESULTS="$WORK/results"
: >"$RESULTS"

# expect driver for the reference CLI: MODE is enc, encsync or dec. The age process itself
# runs under /usr/bin/time, so expect's own cost is not counted.
cat >"$WORK/drive.exp" <<'EOF'
lassign $argv mode passfile timefile out in
set f [open $passfile r]; gets $f pass; close $f
log_user 0
set timeout 120
set fmt "%e %M %U %S"
switch -- $mode {
  enc     { spawn /usr/bin/time -o $timefile -f $fmt age -p -o $out $in }
  encsync { spawn /usr/bin/time -o $timefile -f $fmt sh -c {age -p -o "$1" "$2" && sync "$1"} sh $out $in }
  dec     { spawn /usr/bin/time -o $timefile -f $fmt age -d -o $out $in }
  default { puts stderr "unknown mode $mode"; exit 2 }
}
proc answer {prompt pass} {
  expect {
    $prompt { send -- "$pass\r" }
    timeout { puts stderr "age did not ask: $prompt"; exit 1 }
    eof     { puts stderr "age ended before asking: $prompt"; exit 1 }
  }
}
answer "Enter passphrase" $pass
if {$mode ne "dec"} { answer "Confirm passphrase" $pass }
set timeout -1
expect eof
lassign [wait] pid spawnid oserr status
exit $status
EOF

# --- measurement helpers -----------------------------------------------------------------
# Every measured command runs under GNU time ("%e %M %U %S": wall seconds, peak RSS in KiB,
# user and system CPU seconds, children included). The machine's total busy CPU time is
# read from /proc/stat around each measurement; if the rest of the machine used more than
# 0.2 s + 10% of the wall time while it ran, other work disturbed it, and it is taken again
# (up to BENCH_RETRIES times; after that it is kept and counted as disturbed). Before each
# measurement the script waits for the machine to be idle.
T="$WORK/time"
TICK=$(getconf CLK_TCK)
DISTURBED=0
M_WALL=0
M_RSS=0
M_OTHER=0

cpu_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }

# Waits (up to BENCH_QUIET_WAIT seconds) until the machine has been idle for a second:
# less than 15% of one core busy in each of two half-second samples.
wait_quiet() {
  local quiet=0 waited=0 a b
  while ((quiet < 2 && waited < QUIET_WAIT * 2)); do
    a=$(cpu_busy); sleep 0.5; b=$(cpu_busy)
    if awk -v a="$a" -v b="$b" -v t="$TICK" 'BEGIN {exit !((b - a) / t < 0.075)}'; then
      quiet=$((quiet + 1))
    else
      quiet=0
    fi
    waited=$((waited + 1))
  done
  if ((quiet < 2)); then note "  (the machine did not become idle within ${QUIET_WAIT}s)"; fi
  return 0
}

# Flush earlier runs' dirty pages so their writeback is not charged to the next run.
settle() { sync; }

# measure LABEL PREP RUN ARGS...: PREP ARGS untimed, then RUN ARGS, which must leave GNU
# time's output in $T. Sets M_WALL (s) and M_RSS (KiB).
measure() {
  local label=$1 prep=$2 run=$3; shift 3
  local attempt before after line wall rss user sys other
  for ((attempt = 0; ; attempt++)); do
    "$prep" "$@"
    wait_quiet
    before=$(cpu_busy)
    "$run" "$@"
    after=$(cpu_busy)
    line=$(tail -n 1 "$T")
    [[ $line =~ ^[0-9.]+\ [0-9]+\ [0-9.]+\ [0-9.]+$ ]] ||
      die "unexpected timing output for $label: $line"
    read -r wall rss user sys <<<"$line"
    other=$(awk -v b="$before" -v a="$after" -v t="$TICK" -v u="$user" -v s="$sys" \
      'BEGIN {o = (a - b) / t - u - s; printf "%.2f", (o < 0 ? 0 : o)}')
    if awk -v o="$other" -v w="$wall" 'BEGIN {exit !(o <= 0.2 + 0.1 * w)}'; then
      break
    fi
    if ((attempt >= RETRIES)); then
      DISTURBED=$((DISTURBED + 1))
      note "  ($label: other work used ${other}s of CPU; still disturbed after $RETRIES retries, kept)"
      break
    fi
    note "  ($label: other work used ${other}s of CPU while it ran; measuring again)"
  done
  M_WALL=$wall
  M_RSS=$rss
  M_OTHER=$other
}

# record SIZE TOOL OP: appends "SIZE|TOOL|OP|SECONDS|RSS_KIB" for the last measurement.
record() {
  printf '%s|%s|%s|%s|%s\n' "$1" "$2" "$3" "$M_WALL" "$M_RSS" >>"$RESULTS"
  note "  $(printf '%-10s %-34s %8ss %7s MiB   (other work: %ss CPU)' \
    "$2" "$3" "$M_WALL" "$((M_RSS / 1024))" "$M_OTHER")"
}

sc_run() { # COMMAND ARGS...: safecarry's messages are shown only if it fails
  if ! /usr/bin/time -o "$T" -f '%e %M %U %S' "$SAFECARRY" "$@" \
    --passphrase-file "$PASSFILE" --no-progress >"$WORK/sc.log" 2>&1; then
    cat "$WORK/sc.log" >&2
    die "safecarry $1 failed"
  fi
}

# Preparations (untimed) and timed runs; each pair takes the same arguments.
prep_seal() { rm -f "$2/data.bin.age"; settle; }          # IN OUTDIR
run_sc_seal() { sc_run seal "$1" --to "$2"; }
prep_open() { rm -rf "$2"; mkdir "$2"; settle; }           # SEALED OUTDIR
run_sc_open() { sc_run open "$1" --to "$2"; }
prep_age() { rm -f "$2"; settle; }                          # MODE OUT IN
run_age() {
  expect "$WORK/drive.exp" "$1" "$PASSFILE" "$T" "$2" "$3" || die "age ($1) failed"
}
prep_warm() { cat "$1" >/dev/null; }                        # FILE: hashing cost alone
prep_drop() { settle; dd if="$1" iflag=nocache count=0 status=none; } # FILE: from device
run_hash() { /usr/bin/time -o "$T" -f '%e %M %U %S' "${HASH_CMD[@]}" "$1" >/dev/null; }

# One extra safecarry seal under strace (only the system calls named below stop the
# process, so the overhead is small), split into phases by the times of those calls.
PHASES=(
  "start-up, passphrase check, scrypt"
  "tar + encrypt + SHA-256 + write"
  "fsync of the sealed file"
  "read-back from device + SHA-256"
  "rename, folder fsync, exit"
)
run_strace_seal() { # IN OUTDIR
  if ! /usr/bin/time -o "$T" -f '%e %M %U %S' strace -f --seccomp-bpf -ttt -T \
    -o "$WORK/strace.log" -e trace=execve,openat,fsync,fadvise64,renameat2,exit_group \
    "$SAFECARRY" seal "$1" --to "$2" --passphrase-file "$PASSFILE" --no-progress \
    >"$WORK/sc.log" 2>&1; then
    echo "0 0 0 0" >"$T"
    : >"$WORK/strace.log"
  fi
}
phases() { # IN OUTDIR SIZE
  local line name i=0 v vals
  measure "safecarry seal under strace" prep_seal run_strace_seal "$1" "$2"
  if ! line=$(awk -v inp="\"$1\"" '
    /execve\(/ && !t0 {t0 = $2}
    /openat\(/ && index($0, inp) && !tin {tin = $2}
    /fsync\(/ && !tfs {tfs = $2; d = $NF; gsub(/[<>]/, "", d); dfs = d}
    /fadvise64\(/ && !tfa {tfa = $2}
    /renameat2\(/ && !trn {trn = $2}
    /\+\+\+ exited/ {tend = $2}
    END {
      if (!t0 || !tin || !tfs || !tfa || !trn || !tend) exit 1
      printf "%.2f|%.2f|%.2f|%.2f|%.2f", tin - t0, tfs - tin, dfs, trn - tfa, tend - trn
    }' "$WORK/strace.log"); then
    note "  (strace could not trace safecarry here: phase breakdown skipped)"
    HAVE_STRACE=0
    return 0
  fi
  IFS='|' read -r -a vals <<<"$line"
  for name in "${PHASES[@]}"; do
    v=${vals[i]}; i=$((i + 1))
    printf '%s|phase|%s|%s|0\n' "$3" "$name" "$v" >>"$RESULTS"
    note "  $(printf '%-10s %-34s %8ss' phase "$name" "$v")"
  done
}
HAVE_STRACE=0
if command -v strace >/dev/null 2>&1; then HAVE_STRACE=1; fi

work_factor() { sed -n 2p "$1" | awk '$1 == "->" && $2 == "scrypt" {print $4}'; }

# --- machine -----------------------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
echo "== safecarry vs age: $(date -u +%Y-%m-%d)"
echo "CPU:        ${cpu:-unknown}, $(nproc) cores; memory $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
fstype=$(findmnt -no FSTYPE -T "$WORK" 2>/dev/null || stat -f -c %T "$WORK")
echo "Kernel:     $(uname -sr); temp files on $fstype"
load=$(cut -d' ' -f1 /proc/loadavg)
echo "Load:       $load (1-minute average before the runs)"
if awk -v l="$load" 'BEGIN {exit !(l > 0.5)}'; then
  note "warning: the machine is busy (load $load); disturbed measurements will be repeated"
fi
echo "safecarry:  $("$SAFECARRY" --version)"
echo "age:        $("$AGE" --version) ($AGE)"
echo "Runs:       $RUNS per measurement; sizes ${SMALL_MIB} MiB and ${SIZE_MIB} MiB (random, incompressible)"
echo

sizes=("$SMALL_MIB")
if ((SIZE_MIB != SMALL_MIB)); then sizes+=("$SIZE_MIB"); fi

for size in "${sizes[@]}"; do
  d="$WORK/$size"
  mkdir -p "$d/sc" "$d/age"
  in="$d/data.bin"
  sealed="$d/sc/data.bin.age"
  note "== ${size} MiB: generating input..."
  dd if=/dev/urandom of="$in" bs=1M count="$size" iflag=fullblock status=none
  sync
  for ((run = 1; run <= RUNS; run++)); do
    note "-- ${size} MiB, run $run/$RUNS"

    measure "safecarry seal" prep_seal run_sc_seal "$in" "$d/sc"
    record "$size" safecarry seal
    [[ -f $sealed ]] || die "safecarry seal did not write data.bin.age"

    measure "age -p" prep_age run_age enc "$d/age/data.bin.age" "$in"
    record "$size" age "seal (age -p)"

    measure "age -p; sync" prep_age run_age encsync "$d/age/data.bin.age" "$in"
    record "$size" age "seal + fsync (age -p; sync FILE)"

    measure "hash, cached" prep_warm run_hash "$sealed"
    record "$size" "$HASHER" "SHA-256 of sealed file, cached"

    measure "hash, from device" prep_drop run_hash "$sealed"
    record "$size" "$HASHER" "read-back: cache dropped + SHA-256"

    measure "safecarry open" prep_open run_sc_open "$sealed" "$d/open"
    record "$size" safecarry open
    if ((run == 1)); then
      cmp -s "$in" "$d/open/data.bin" || die "safecarry open did not restore the input exactly"
    fi
    rm -rf "$d/open"

    measure "age -d" prep_age run_age dec "$d/dec.bin" "$d/age/data.bin.age"
    record "$size" age "open (age -d)"
    if ((run == 1)); then
      cmp -s "$in" "$d/dec.bin" || die "age -d did not restore the input exactly"
    fi
    rm -f "$d/dec.bin"

    if ((HAVE_STRACE)); then phases "$in" "$d/sc" "$size"; fi
  done
  echo "scrypt work factor (log2 N) at ${size} MiB: safecarry $(work_factor "$sealed")," \
    "age -p $(work_factor "$d/age/data.bin.age")"
  rm -rf "$d"
done
echo

# --- report ------------------------------------------------------------------------------
# median_s SIZE TOOL OP: median seconds; peak_mib SIZE TOOL OP: highest peak RSS in MiB
median_s() {
  awk -F'|' -v s="$1" -v t="$2" -v o="$3" '$1==s && $2==t && $3==o {print $4}' "$RESULTS" |
    sort -n | awk '{a[NR]=$1} END {if (NR==0) exit 1; m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'
}
peak_mib() {
  awk -F'|' -v s="$1" -v t="$2" -v o="$3" '$1==s && $2==t && $3==o && $5>m {m=$5} END {printf "%.0f", m/1024}' "$RESULTS"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a/b; else print "n/a"}'; }

rows=(
  "safecarry|seal"
  "age|seal (age -p)"
  "age|seal + fsync (age -p; sync FILE)"
  "$HASHER|SHA-256 of sealed file, cached"
  "$HASHER|read-back: cache dropped + SHA-256"
  "safecarry|open"
  "age|open (age -d)"
)
echo "Median wall time over $RUNS runs; peak RSS is the highest seen over the runs."
echo
printf '| %-9s | %-34s | %8s | %9s | %14s |\n' tool operation size "wall (s)" "peak RSS (MiB)"
printf '|%s|%s|%s|%s|%s|\n' ----------- ------------------------------------ ---------: ----------: ---------------:
for size in "${sizes[@]}"; do
  for row in "${rows[@]}"; do
    tool=${row%%|*}; op=${row#*|}
    printf '| %-9s | %-34s | %4s MiB | %9s | %14s |\n' "$tool" "$op" "$size" \
      "$(median_s "$size" "$tool" "$op")" "$(peak_mib "$size" "$tool" "$op")"
  done
done
echo

if ((HAVE_STRACE)); then
  echo "Where safecarry's seal spends its time (one extra seal per run under strace, median s):"
  echo
  printf '| %-34s |' phase; for size in "${sizes[@]}"; do printf ' %9s |' "$size MiB"; done; echo
  printf '|%s|' ------------------------------------; for size in "${sizes[@]}"; do printf '%s|' ----------:; done; echo
  for name in "${PHASES[@]}"; do
    printf '| %-34s |' "$name"
    for size in "${sizes[@]}"; do printf ' %9s |' "$(median_s "$size" phase "$name")"; done
    echo
  done
  echo
fi

target_note() { awk -v r="$1" 'BEGIN {print (r != "n/a" && r <= 1.10) ? "within the 1.10x target" : "over the 1.10x target"}'; }
for size in "${sizes[@]}"; do
  sc_seal_s=$(median_s "$size" safecarry seal)
  age_seal_s=$(median_s "$size" age "seal (age -p)")
  age_sync_s=$(median_s "$size" age "seal + fsync (age -p; sync FILE)")
  sc_open_s=$(median_s "$size" safecarry open)
  age_open_s=$(median_s "$size" age "open (age -d)")
  r=$(ratio "$sc_seal_s" "$age_seal_s")
  echo "${size} MiB: seal safecarry/age -p = ${r}x ($(target_note "$r"));" \
    "safecarry/(age -p + fsync) = $(ratio "$sc_seal_s" "$age_sync_s")x;" \
    "open safecarry/age -d = $(ratio "$sc_open_s" "$age_open_s")x"
done
if ((${#sizes[@]} == 2)); then
  for row in "safecarry|seal" "safecarry|open" "age|seal (age -p)" "age|open (age -d)"; do
    tool=${row%%|*}; op=${row#*|}
    small=$(peak_mib "$SMALL_MIB" "$tool" "$op"); large=$(peak_mib "$SIZE_MIB" "$tool" "$op")
    echo "peak RSS, $tool $op: ${small} MiB at ${SMALL_MIB} MiB, ${large} MiB at ${SIZE_MIB} MiB" \
      "($(printf '%+d' $((large - small))) MiB for $((SIZE_MIB / SMALL_MIB))x the data)"
  done
fi
if ((DISTURBED)); then
  echo "warning: $DISTURBED measurement(s) were disturbed by other work even after $RETRIES retries"
else
  echo "No measurement was disturbed by other work (each was retried until the machine was quiet)."
fi
