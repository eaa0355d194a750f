#!/usr/bin/env bash
# Reproduces benches/BENCHMARKS.md: folio against Hugo (and Zola where one is installed) on
# generated corpora of N chapters per language; folio's default build, which makes a search
# index, against Hugo followed by Pagefind's command-line indexer (how Hugo sites add search).
#
#   benches/run.sh                 # N = 100 1000 5000
#   benches/run.sh 100 1000        # only these sizes
#   TOOLS="folio-nosearch folio-charts-nosearch hugo" ONCE="folio hugo-pagefind" RUNS_LARGE=3 benches/run.sh 5000
#
# Environment:
#   RUNS=5          timed runs per tool (after one warm-up run per tool)
#   RUNS_LARGE=3    timed runs per tool for N >= LARGE (default LARGE=5000)
#   TOOLS=...       the tools timed in the rounds (default: folio folio-charts folio-nosearch
#                   folio-charts-nosearch hugo hugo-pagefind, and zola when installed)
#   ONCE=...        tools built once more after the rounds, alone, under `/usr/bin/time -v`
#                   (folio ones with --timings), reported as single runs: for builds too long
#                   to repeat (folio with search at N = 5000). A tool in ONCE and not in TOOLS
#                   is not warmed up: its single run is a cold-ish first run.
#   BUNDLED=1       also time the bundled report (21 builds after 3 warm-ups); 0: skip
#   SERVE_AT=1000   sizes at which `folio serve` is measured (benches/serve.py); empty: never
#   SKIP_BUILD=1    measure target/release/folio as it is (no `cargo build --release` first)
#   FOLIO_BIN=path  measure this folio binary (no build); FOLIO_BIN=target/bench/bin/folio
#                   measures the binary of the previous run again
#   SKIP_INSTALL=1  do not install missing tools (apt-get: hugo, hyperfine, time; npm: the
#                   pagefind CLI of the version in Cargo.lock, into target/bench/npm; without it
#                   hugo-pagefind is left out)
#   IDLE_MAX=10     before each round, wait until other processes use less than this share of
#   IDLE_WAIT=180   the CPUs (in %, sampled over 2 s), for at most IDLE_WAIT seconds; the load
#                   seen is recorded and reported (on a shared machine, expect noise)
#
# Everything generated goes under target/bench/ (gitignored); the report is written to
# benches/BENCHMARKS.md from the results of every size under target/bench/results/ (sizes not
# re-run keep their last results; each size's section says when it was measured). The folio
# binary measured is a copy of target/release/folio taken after `cargo build --release`
# (target/bench/bin/folio), so a build elsewhere in the repository cannot swap it mid-run.
# Steps, per N:
#   1. benches/corpus.py writes the corpus as sites folio, folio-charts, folio-nosearch,
#      folio-charts-nosearch (the last two: copies with `search: false`), hugo (and zola if
#      installed); hugo-pagefind builds the hugo site and then runs `pagefind --site` on
#      Hugo's output (the article is marked `data-pagefind-body`, as folio marks its own);
#   2. one warm-up build per tool, which also validates the corpus: folio must report
#      0 warnings, Hugo and Zola must exit 0 and print no warning;
#   3. RUNS rounds; each round is one `hyperfine --runs 1` over all tools, in an order rotated
#      every round, so the tools' runs alternate (a single hyperfine call would run all of one
#      tool's runs before the next tool's). Every run is a clean build: `--prepare` moves the
#      previous output aside (into target/bench/trash, emptied when the script ends) rather
#      than deleting it, because deleting thousands of files just before a build slows the
#      build's own file creation on some filesystems (ext4 without a journal skips inodes
#      freed in the last minutes, one inode-table read each), which would measure the
#      `rm -rf`, not the tool. Each command runs under `/usr/bin/time -f %M`, which records
#      the peak RSS of every timed run;
#   4. `folio build --timings` once per folio variant (clean output), for the stage tables;
#      the ONCE tools' single runs;
#   5. at the SERVE_AT sizes, benches/serve.py: `folio serve` on a copy of the folio site,
#      5 chapter edits (chapters N/10, 3N/10, ..., 9N/10), the re-render time of each;
#   6. benches/report.py turns the JSON and RSS files into benches/BENCHMARKS.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCHES="$ROOT/benches"
WORK="$ROOT/target/bench"
RESULTS="$WORK/results"
OUT="$WORK/out"
# Outputs of the timed runs, moved aside by --prepare and deleted when the script ends.
TRASH="$WORK/trash"
RUNS="${RUNS:-5}"
RUNS_LARGE="${RUNS_LARGE:-3}"
LARGE="${LARGE:-5000}"
if [ "$#" -gt 0 ]; then SIZES=("$@"); else SIZES=(100 1000 5000); fi

IDLE_MAX="${IDLE_MAX:-10}"
IDLE_WAIT="${IDLE_WAIT:-180}"
SERVE_AT="${SERVE_AT-1000}"
ONCE="${ONCE:-}"

# `folio serve` started by benches/serve.py: stopped on any exit (serve.py stops it itself on
# errors and SIGTERM; this covers run.sh being interrupted or killed first).
SERVE_PIDFILE="$WORK/serve.pid"
serve_pid=""
cleanup() {
    local pid
    if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
        kill "$serve_pid" 2>/dev/null || true
        wait "$serve_pid" 2>/dev/null || true
    fi
    if [ -f "$SERVE_PIDFILE" ]; then
        pid="$(cat "$SERVE_PIDFILE")"
        # Only if that process id is still a `folio serve` (not a reused id).
        if [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q ' serve --root '; then
            kill "$pid" 2>/dev/null || true
            sleep 1
            kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
        fi
        rm -f "$SERVE_PIDFILE"
    fi
    rm -rf "$TRASH"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { printf '\n== %s\n' "$*" >&2; }

# Percentage of the machine's CPU time used by any process over 2 s (steal time included).
busy_pct() {
    local a b i ta=0 tb=0
    read -ra a </proc/stat
    sleep 2
    read -ra b </proc/stat
    for i in 1 2 3 4 5 6 7 8; do
        ta=$((ta + a[i]))
        tb=$((tb + b[i]))
    done
    local idle=$(((b[4] + b[5]) - (a[4] + a[5])))
    echo $((100 * ((tb - ta) - idle) / (tb - ta)))
}

# Busy CPU time of the whole machine so far, in clock ticks (USER_HZ, 100 per second).
busy_ticks() {
    local a i t=0
    read -ra a </proc/stat
    for i in 1 2 3 6 7 8; do t=$((t + a[i])); done
    echo "$t"
}

# Moves the output folder $1 out of the way (into $TRASH), for a clean build: not `rm -rf`,
# whose after-effects would slow the next build's file creation (see step 3 above).
move_aside() {
    mkdir -p "$TRASH"
    local aside
    if [ -e "$1" ]; then
        aside="$(mktemp -d "$TRASH/aside.XXXXXX")"
        mv -- "$1" "$aside/"
    fi
}

# Waits (up to IDLE_WAIT s) until the machine is idle; appends the load seen to $1.
wait_idle() {
    local start=$SECONDS busy
    busy="$(busy_pct)"
    while [ "$busy" -gt "$IDLE_MAX" ] && [ $((SECONDS - start)) -lt "$IDLE_WAIT" ]; do
        busy="$(busy_pct)"
    done
    [ "$busy" -gt "$IDLE_MAX" ] && echo "   (other processes use ${busy}% of the CPUs: timings will be noisy)" >&2
    echo "$busy" >>"$1"
}

# --- tools -----------------------------------------------------------------------------
missing=()
command -v hugo >/dev/null || missing+=(hugo)
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "${SKIP_INSTALL:-0}" = 1 ] || [ "$(id -u)" != 0 ]; then
        echo "benches/run.sh: missing ${missing[*]} (Debian packages: hugo hyperfine time)" >&2
        exit 1
    fi
    log "installing ${missing[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q hugo hyperfine time >/dev/null
fi
ZOLA="$(command -v zola || true)"
if [ -z "$ZOLA" ]; then
    log "zola is not installed (crates.io and Debian have no zola package): measuring Hugo alone"
fi
# Pagefind's CLI, the version folio links (Cargo.lock), from npm; run after Hugo as
# hugo-pagefind. npm's `pagefind` command is a Node script that starts the native binary the
# package ships (pagefind_extended); the benchmark runs that binary itself, so Node's start-up
# is not counted. The wrapper script makes the two steps one command for hyperfine and time.
PAGEFIND_VERSION="$(awk '/^name = "pagefind"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$ROOT/Cargo.lock")"
pagefind_binary() {
    local b
    for b in "$WORK"/npm/node_modules/@pagefind/*/bin/pagefind_extended; do
        if [ -x "$b" ] && [ "$("$b" --version 2>/dev/null)" = "pagefind $PAGEFIND_VERSION" ]; then
            echo "$b"
            return
        fi
    done
}
PAGEFIND="$(pagefind_binary)"
if [ -z "$PAGEFIND" ] && [ "${SKIP_INSTALL:-0}" != 1 ] && command -v npm >/dev/null; then
    log "installing pagefind $PAGEFIND_VERSION (npm) into target/bench/npm"
    npm install --prefix "$WORK/npm" --no-audit --no-fund --silent "pagefind@$PAGEFIND_VERSION" >&2 || true
    PAGEFIND="$(pagefind_binary)"
fi
HUGO_PAGEFIND=""
if [ -n "$PAGEFIND" ]; then
    mkdir -p "$WORK/bin"
    HUGO_PAGEFIND="$WORK/bin/hugo-pagefind"
    printf '#!/bin/sh\n# hugo-pagefind SITE OUT: the Hugo site built, then indexed by Pagefind.\nset -e\nhugo --source "$1" --destination "$2" --quiet\nexec %q --site "$2" --quiet\n' "$PAGEFIND" >"$HUGO_PAGEFIND"
    chmod +x "$HUGO_PAGEFIND"
else
    log "no pagefind $PAGEFIND_VERSION CLI (npm): leaving hugo-pagefind out"
fi

SOURCE_BIN="${FOLIO_BIN:-$ROOT/target/release/folio}"
if [ -n "${FOLIO_BIN:-}" ] || [ "${SKIP_BUILD:-0}" = 1 ]; then
    log "using $SOURCE_BIN as it is (no cargo build)"
    [ -x "$SOURCE_BIN" ] || { echo "benches/run.sh: no $SOURCE_BIN" >&2; exit 1; }
else
    log "building folio (release)"
    (cd "$ROOT" && cargo build --release --quiet)
fi
mkdir -p "$WORK/bin"
FOLIO="$WORK/bin/folio"
if [ "$(realpath "$SOURCE_BIN")" != "$(realpath -m "$FOLIO")" ]; then
    cp "$SOURCE_BIN" "$WORK/bin/folio.new"
    mv -f "$WORK/bin/folio.new" "$FOLIO"
fi
# Which binary was measured: the version says little while it stays 0.1.0. The commit, and
# whether the sources differed from it when the binary was built.
GIT_ID="$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
if [ -n "$(cd "$ROOT" && git status --porcelain -- src Cargo.toml Cargo.lock build.rs 2>/dev/null)" ]; then
    GIT_ID="$GIT_ID + uncommitted changes in src/"
fi
FOLIO_ID="$("$FOLIO" --version), commit $GIT_ID, binary sha256 $(sha256sum "$FOLIO" | cut -c1-12)"

mkdir -p "$RESULTS" "$OUT"
rm -f "$RESULTS"/tools.txt
{
    echo "folio=$FOLIO_ID"
    echo "rustc=$(rustc --version)"
    echo "hugo=$(hugo version)"
    echo "zola=${ZOLA:+$("$ZOLA" --version)}"
    echo "pagefind=${HUGO_PAGEFIND:+$("$PAGEFIND" --version) ($(basename "$PAGEFIND") from npm package pagefind)}"
    echo "hyperfine=$(hyperfine --version)"
    echo "time=$(/usr/bin/time --version 2>&1 | head -1)"
    echo "python=$(python3 --version)"
} >"$RESULTS/tools.txt"

# --- one corpus size -------------------------------------------------------------------

# The build command of a tool, reading site $2 and writing $3.
command_of() {
    local tool="$1" site="$2" dest="$3"
    case "$tool" in
        folio*) echo "$FOLIO build --root $site --out $dest" ;;
        hugo) echo "hugo --source $site --destination $dest --quiet" ;;
        hugo-pagefind) echo "$HUGO_PAGEFIND ${site%-pagefind} $dest" ;;
        zola) echo "$ZOLA --root $site build --output-dir $dest --force" ;;
    esac
}

bench_size() {
    local n="$1" runs="$RUNS"
    [ "$n" -ge "$LARGE" ] && runs="$RUNS_LARGE"
    local corpus="$WORK/n$n" res="$RESULTS/n$n"
    rm -rf "$res"
    mkdir -p "$res"

    local tools=() once=() t
    if [ -n "${TOOLS:-}" ]; then
        for t in $TOOLS; do
            [ "$t" = zola ] && [ -z "$ZOLA" ] && continue
            [ "$t" = hugo-pagefind ] && [ -z "$HUGO_PAGEFIND" ] && continue
            tools+=("$t")
        done
    else
        tools=(folio folio-charts folio-nosearch folio-charts-nosearch hugo)
        [ -n "$HUGO_PAGEFIND" ] && tools+=(hugo-pagefind)
        [ -n "$ZOLA" ] && tools+=(zola)
    fi
    for t in $ONCE; do
        [ "$t" = hugo-pagefind ] && [ -z "$HUGO_PAGEFIND" ] && continue
        once+=("$t")
    done
    local serve=0
    for t in $SERVE_AT; do if [ "$t" = "$n" ]; then serve=1; fi; done

    # The sites the tools need, in corpus.py's order (nosearch sites are copies of the others).
    local sites=() wanted=" ${tools[*]} ${once[*]} "
    [ "$serve" = 1 ] && wanted+=" folio "
    [ -n "$ZOLA" ] && wanted+=" zola "
    # hugo-pagefind reads the hugo site.
    case "$wanted" in *" hugo-pagefind "*) wanted+=" hugo " ;; esac
    for t in folio folio-charts folio-nosearch folio-charts-nosearch hugo zola; do
        case "$wanted" in *" $t "*) sites+=("$t") ;; esac
    done
    log "N=$n: generating the corpus (${sites[*]})"
    python3 "$BENCHES/corpus.py" --n "$n" --out "$corpus" --sites "$(IFS=,; echo "${sites[*]}")" |
        tee "$res/corpus.txt" >&2

    log "N=$n: warm-up and validation (one build per tool)"
    local tool site dest cmd
    for tool in "${tools[@]}"; do
        site="$corpus/$tool"
        dest="$OUT/n$n-$tool"
        cmd="$(command_of "$tool" "$site" "$dest")"
        move_aside "$dest"
        if ! $cmd >"$res/warmup-$tool.log" 2>&1; then
            echo "benches/run.sh: $tool failed on the N=$n corpus:" >&2
            cat "$res/warmup-$tool.log" >&2
            exit 1
        fi
        case "$tool" in
            folio*) grep -q ' (0 warning(s)' "$res/warmup-$tool.log" || {
                echo "benches/run.sh: $tool warned on the N=$n corpus (a corpus mistake?):" >&2
                cat "$res/warmup-$tool.log" >&2
                exit 1
            } ;;
            *) if grep -qiE 'warn|error' "$res/warmup-$tool.log"; then
                echo "benches/run.sh: $tool warned on the N=$n corpus:" >&2
                cat "$res/warmup-$tool.log" >&2
                exit 1
            fi ;;
        esac
        tail -1 "$res/warmup-$tool.log" >&2 || true
        printf '%s\t%s\t%s\n' "$tool" \
            "$(find "$dest" -name '*.html' | wc -l)" \
            "$(du -sb "$dest" | cut -f1)" >>"$res/outputs.tsv"
    done

    log "N=$n: $runs rounds of one clean build per tool, alternating"
    local k="${#tools[@]}" r i
    for ((r = 0; r < runs; r++)); do
        wait_idle "$res/busy.txt"
        # hyperfine takes the names, the --prepare commands and the commands in the same order.
        local names=() prepares=() cmds=()
        for ((i = 0; i < k; i++)); do
            tool="${tools[$(((i + r) % k))]}"
            dest="$OUT/n$n-$tool"
            names+=(--command-name "$tool")
            prepares+=(--prepare "mkdir -p $TRASH && if [ -e $dest ]; then mv $dest $TRASH/n$n-$tool-$r; fi")
            cmds+=("/usr/bin/time -f %M -a -o $res/rss-$tool.txt $(command_of "$tool" "$corpus/$tool" "$dest")")
        done
        local t0 w0
        t0="$(busy_ticks)"
        w0="$(date +%s.%N)"
        hyperfine --runs 1 --style basic --export-json "$res/round-$r.json" \
            "${names[@]}" "${prepares[@]}" "${cmds[@]}" >"$res/round-$r.log" 2>&1 || {
            cat "$res/round-$r.log" >&2
            exit 1
        }
        # Machine-wide busy CPU seconds and wall seconds of the round, to tell how much CPU
        # other processes took while the tools ran.
        echo "$(( $(busy_ticks) - t0 )) $(date +%s.%N) $w0" |
            awk '{ printf "%.2f %.2f\n", $1 / 100, $2 - $3 }' >>"$res/round-cpu.txt"
        echo "round $((r + 1))/$runs: $(python3 - "$res/round-$r.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
print("  ".join(f"{x['command']} {x['mean']:.2f}s" for x in d["results"]))
EOF
)" >&2
    done
    local finished
    finished="$(date -u +%Y-%m-%dT%H:%MZ)"

    log "N=$n: stage timings (folio build --timings, one clean build per folio variant)"
    for tool in "${tools[@]}"; do
        case "$tool" in folio*) ;; *) continue ;; esac
        dest="$OUT/n$n-$tool"
        move_aside "$dest"
        wait_idle "$res/busy-extra.txt"
        "$FOLIO" build --root "$corpus/$tool" --out "$dest" --timings 2>"$res/timings-$tool.txt" || {
            cat "$res/timings-$tool.txt" >&2
            exit 1
        }
        echo "$tool: $(tail -1 "$res/timings-$tool.txt")" >&2
    done

    for tool in "${once[@]}"; do
        log "N=$n: $tool, one clean build under /usr/bin/time -v"
        dest="$OUT/n$n-$tool"
        move_aside "$dest"
        wait_idle "$res/busy-extra.txt"
        cmd="$(command_of "$tool" "$corpus/$tool" "$dest")"
        case "$tool" in folio*) cmd+=" --timings" ;; esac
        /usr/bin/time -v -o "$res/once-$tool.txt" $cmd 2>"$res/timings-$tool.txt" || {
            cat "$res/timings-$tool.txt" "$res/once-$tool.txt" >&2
            exit 1
        }
        grep -E 'Elapsed|Maximum resident' "$res/once-$tool.txt" >&2
        printf '%s\t%s\t%s\n' "$tool" \
            "$(find "$dest" -name '*.html' | wc -l)" \
            "$(du -sb "$dest" | cut -f1)" >>"$res/outputs.tsv"
    done

    if [ "$serve" = 1 ]; then
        log "N=$n: folio serve, 5 chapter edits (benches/serve.py, on a copy of the folio site)"
        local copy="$WORK/serve-n$n"
        rm -rf "$copy"
        cp -r "$corpus/folio" "$copy"
        wait_idle "$res/busy-extra.txt"
        python3 "$BENCHES/serve.py" --folio "$FOLIO" --site "$copy" \
            --chapters "$((n / 10 > 0 ? n / 10 : 1)),$((3 * n / 10)),$((5 * n / 10)),$((7 * n / 10)),$((9 * n / 10))" --out "$res/serve.json" --log "$res/serve.log" \
            --pidfile "$SERVE_PIDFILE" &
        serve_pid=$!
        if ! wait "$serve_pid"; then
            echo "benches/run.sh: the serve measurement failed (see $res/serve.log)" >&2
        fi
        serve_pid=""
        rm -rf "$copy"
    fi

    printf 'n=%s\nruns=%s\ntools=%s\nonce=%s\nfolio=%s\ndate=%s\nprepare=move\n' "$n" "$runs" \
        "${tools[*]}" "${once[*]}" "$FOLIO_ID" "$finished" >"$res/meta.txt"
}

# The bundled report (both languages, all charts, search index): rebuilds over the previous
# output, as an editor runs them. Target: median ≤ 150 ms.
if [ "${BUNDLED:-1}" = 1 ]; then
    log "the bundled report: 3 warm-up builds, then 21 timed"
    wait_idle "$RESULTS/bundled-busy.txt"
    hyperfine --warmup 3 --runs 21 --style basic --export-json "$RESULTS/bundled.json" \
        --command-name bundled "$FOLIO build --root $ROOT --out $OUT/bundled" >"$RESULTS/bundled.log" 2>&1 || {
        cat "$RESULTS/bundled.log" >&2
        exit 1
    }
    "$FOLIO" build --root "$ROOT" --out "$OUT/bundled" --timings 2>"$RESULTS/bundled-timings.txt" || true
fi

for n in "${SIZES[@]}"; do
    bench_size "$n"
done

log "writing benches/BENCHMARKS.md"
python3 "$BENCHES/report.py" "$RESULTS" "$BENCHES/BENCHMARKS.md"
echo "benches/BENCHMARKS.md written" >&2
