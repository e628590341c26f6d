#!/usr/bin/env bash
# Start-up benchmark: time to readiness and resident memory of Shifo with its embedded PostgreSQL.
#
#   bench/startup.sh [-n RUNS] [-m MODES] [-p PORT] [-s SETTLE_SECONDS] [-o OUT_DIR]
#                    [-L LOAD_SECONDS [-u PATH] [-c CONCURRENCY]]
#
# Modes (comma-separated, default "jar,fast"):
#   jar        java -jar target/shifo-<version>.jar                   (the plain fat jar)
#   extracted  java -jar target/shifo/shifo.jar                      (extracted layout, no AOT cache)
#   aot        extracted layout + -XX:AOTCache=target/shifo/shifo.aot (no other flag)
#   cds        extracted layout + -XX:SharedArchiveFile=target/shifo/shifo.jsa, a dynamic CDS archive
#              (what JDK 21-24 can do; made here by a training run like 'bin/shifo train' if missing)
#   fast       target/shifo/bin/shifo                                (the launcher, as production runs it)
# A variant of a mode, to compare JVM options or application settings side by side, is written
#   LABEL=MODE:OPTIONS   e.g. -m 'aot,aot-serial=aot:-XX:+UseSerialGC,fast-serial=fast:-Dshifo.database.early-start=false'
# (OPTIONS are JVM options, space-separated, no commas; for "fast" they go in JAVA_OPTS). BENCH_JAVA_OPTS
# adds options to every mode.
#
# Every mode gets one untimed start first (the very first one also creates the cluster), so the timed
# runs see a warm data directory and a warm page cache. Timed runs are interleaved (jar, fast, jar,
# fast, ...) so that load from other processes spreads over all modes alike.
#
# Time: from the fork of the process to the first 200 {"status":"UP"} of /actuator/health/readiness,
# polled every 50 ms; also the CPU time the JVM used until then (user + system), which depends less
# on other load than the wall-clock time does.
# Memory, SETTLE seconds (default 2) after ready: the JVM's RSS (VmRSS) and the PSS of the embedded
# PostgreSQL (the postmaster named in postmaster.pid and its children). PSS, not RSS, for PostgreSQL
# because its processes share shared_buffers and their text: summing their RSS counts the same pages
# many times over. "total" = JVM RSS + PostgreSQL PSS.
# With -L, after that sample, bench/HttpLoad.java sends GET PATH (default /actuator/health, which
# also queries the database) from CONCURRENCY (default 4) threads for 5 s of warm-up and then
# LOAD_SECONDS measured; the JVM RSS is sampled again after it. The load generator shares the 2 cores
# with the server, so its figures compare modes with each other, nothing more.
# Between runs the app is stopped with SIGTERM and waited for; the script fails if any process of the
# postmaster is still alive afterwards or postmaster.pid is left behind.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=5
MODES=jar,fast
PORT=${SHIFO_PORT:-18080}
SETTLE=2
TIMEOUT=120
OUT_DIR=""
KEEP_DATA=${KEEP_DATA:-0}
LOAD_SECONDS=0
LOAD_PATH=/actuator/health
LOAD_CONCURRENCY=4

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

while getopts "n:m:p:s:o:L:u:c:h" opt; do
    case $opt in
        n) RUNS=$OPTARG ;;
        m) MODES=$OPTARG ;;
        p) PORT=$OPTARG ;;
        s) SETTLE=$OPTARG ;;
        o) OUT_DIR=$OPTARG ;;
        L) LOAD_SECONDS=$OPTARG ;;
        u) LOAD_PATH=$OPTARG ;;
        c) LOAD_CONCURRENCY=$OPTARG ;;
        h) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

if [[ -n ${JAVA_HOME:-} ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=$(command -v java); fi
APP_DIR="$ROOT/target/shifo"
IFS=, read -r -a MODE_LIST <<< "$MODES"
declare -A MODE_BASE MODE_OPTS
LABELS=""
for spec in "${MODE_LIST[@]}"; do
    label=${spec%%=*}
    base=$label opts=""
    if [[ $spec == *=* ]]; then
        rest=${spec#*=}
        base=${rest%%:*}
        [[ $rest == *:* ]] && opts=${rest#*:}
    fi
    case $base in jar|extracted|aot|cds|fast) ;; *) echo "unknown mode: $base (in '$spec')" >&2; exit 2 ;; esac
    MODE_BASE[$label]=$base
    MODE_OPTS[$label]="${BENCH_JAVA_OPTS:-} $opts"
    LABELS+="${LABELS:+,}$label"
done
IFS=, read -r -a MODE_LIST <<< "$LABELS"

# ---- build what is missing ---------------------------------------------------------------------------
fat_jar() { compgen -G "$ROOT/target/shifo-*.jar" | grep -v -- '-plain.jar$' | head -n 1 || true; }
if [[ -z $(fat_jar) || ! -x $APP_DIR/bin/shifo || ! -f $APP_DIR/shifo.jar ]]; then
    echo "== building (./mvnw -q -DskipTests package)"
    (cd "$ROOT" && ./mvnw -q -DskipTests package)
fi
JAR=$(fat_jar)
needs_aot=0
for mode in "${MODE_LIST[@]}"; do [[ ${MODE_BASE[$mode]} == aot || ${MODE_BASE[$mode]} == fast ]] && needs_aot=1; done
if ((needs_aot)) && [[ ! -f $APP_DIR/shifo.aot ]]; then
    echo "== no AOT cache in $APP_DIR: training one (bin/shifo train)"
    "$APP_DIR/bin/shifo" train || echo "   (training failed or unsupported: 'fast' runs without a cache)"
fi

needs_cds=0
for mode in "${MODE_LIST[@]}"; do [[ ${MODE_BASE[$mode]} == cds ]] && needs_cds=1; done
if ((needs_cds)) && [[ ! -f $APP_DIR/shifo.jsa ]]; then
    echo "== no CDS archive in $APP_DIR: making one (-XX:ArchiveClassesAtExit, spring.context.exit=onRefresh)"
    scratch=$(mktemp -d /tmp/shifo-bench-cds.XXXXXX)
    env -i PATH="$PATH" HOME="${HOME:-/tmp}" LANG="${LANG:-C.UTF-8}" SHIFO_DATA_DIR="$scratch" SHIFO_PORT=0 \
        "$JAVA" -XX:ArchiveClassesAtExit="$APP_DIR/shifo.jsa" -Xlog:cds=error,aot=error \
        -Dspring.context.exit=onRefresh -jar "$APP_DIR/shifo.jar" > "$scratch/train.log" 2>&1 || true
    # the halted JVM leaves its PostgreSQL running: fast shutdown
    if [[ -f $scratch/postgres/postmaster.pid ]]; then
        pm=$(head -n 1 "$scratch/postgres/postmaster.pid")
        kill -INT "$pm" 2>/dev/null || true
        for _ in {1..300}; do [[ -f $scratch/postgres/postmaster.pid ]] || break; sleep 0.1; done
    fi
    rm -rf "$scratch"
    [[ -f $APP_DIR/shifo.jsa ]] || { echo "could not make $APP_DIR/shifo.jsa" >&2; exit 1; }
fi

# ---- state and clean-up ------------------------------------------------------------------------------
[[ -n $OUT_DIR ]] || OUT_DIR="$ROOT/target/bench/startup-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT_DIR"
DATA_DIR=$(mktemp -d /tmp/shifo-bench.XXXXXX)
if ((LOAD_SECONDS > 0)); then
    mkdir -p "$OUT_DIR/classes"
    "$(dirname "$JAVA")/javac" -d "$OUT_DIR/classes" "$ROOT/bench/HttpLoad.java"
fi
CLUSTER="$DATA_DIR/postgres"
APP_PID=""
RESULT=""
CLK_TCK=$(getconf CLK_TCK)
exec {NEVER}<> <(:)   # an fd that never has input: read -t on it sleeps without forking

postmaster_pid() { [[ -f $CLUSTER/postmaster.pid ]] && head -n 1 "$CLUSTER/postmaster.pid" || true; }
alive() { # a pid that exists and is not a zombie
    local state
    state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
    [[ -n $state && $state != Z && $state != X ]]
}
cleanup() {
    if [[ -n $APP_PID ]] && alive "$APP_PID"; then kill -TERM "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
    local pm
    pm=$(postmaster_pid)
    if [[ -n $pm ]] && alive "$pm"; then kill -INT "$pm" 2>/dev/null || true; fi
    if [[ $KEEP_DATA != 1 ]]; then rm -rf "$DATA_DIR"; fi
}
trap cleanup EXIT

if { exec {probe}<>"/dev/tcp/127.0.0.1/$PORT"; } 2>/dev/null; then
    exec {probe}>&-
    echo "port $PORT is in use: pick another with -p or SHIFO_PORT" >&2
    exit 1
fi

# ---- one run -----------------------------------------------------------------------------------------
launch() { # mode log
    local mode=$1 log=$2
    local -a opts=()
    read -r -a opts <<< "${MODE_OPTS[$mode]}"
    export SHIFO_PORT=$PORT SHIFO_DATA_DIR=$DATA_DIR
    case ${MODE_BASE[$mode]} in
        jar) "$JAVA" "${opts[@]}" -jar "$JAR" > "$log" 2>&1 & ;;
        extracted) "$JAVA" "${opts[@]}" -jar "$APP_DIR/shifo.jar" > "$log" 2>&1 & ;;
        aot) "$JAVA" -XX:AOTCache="$APP_DIR/shifo.aot" "${opts[@]}" -jar "$APP_DIR/shifo.jar" > "$log" 2>&1 & ;;
        cds) "$JAVA" -XX:SharedArchiveFile="$APP_DIR/shifo.jsa" "${opts[@]}" -jar "$APP_DIR/shifo.jar" > "$log" 2>&1 & ;;
        fast) JAVA_OPTS="${opts[*]}" "$APP_DIR/bin/shifo" > "$log" 2>&1 & ;;
    esac
    APP_PID=$!
}

is_ready() {
    local fd response=""
    { exec {fd}<>"/dev/tcp/127.0.0.1/$PORT"; } 2>/dev/null || return 1
    printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n' >&"$fd"
    IFS= read -r -d '' -t 2 response <&"$fd" || true
    exec {fd}>&-
    [[ $response == "HTTP/1.1 200"* && $response == *'"status":"UP"'* ]]
}

pss_kb() { awk '/^Pss:/ {print $2; exit}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
rss_kb() { awk '/^VmRSS:/ {print $2; exit}' "/proc/$1/status" 2>/dev/null || echo 0; }

# one_run mode log -> sets RESULT to "ready_ms jvm_rss_kb jvm_pss_kb pg_pss_kb pg_rss_kb pg_procs stop_ms jvm_reported_s cpu_ms rps p50_ms p99_ms jvm_rss_loaded_kb"
one_run() {
    local mode=$1 log=$2 start now elapsed_ms
    start=$EPOCHREALTIME
    launch "$mode" "$log"
    while ! is_ready; do
        if ! alive "$APP_PID"; then
            echo "!! $mode: the app exited before it was ready; last lines of $log:" >&2
            tail -n 30 "$log" >&2
            return 1
        fi
        now=$EPOCHREALTIME
        if (( ${now%.*} - ${start%.*} > TIMEOUT )); then
            echo "!! $mode: not ready after ${TIMEOUT}s; see $log" >&2
            return 1
        fi
        read -r -t 0.05 -u "$NEVER" || true
    done
    now=$EPOCHREALTIME
    elapsed_ms=$(( (10#${now/./} - 10#${start/./}) / 1000 ))
    local cpu_ms
    cpu_ms=$(awk -v tck="$CLK_TCK" '{print int(($14 + $15) * 1000 / tck)}' "/proc/$APP_PID/stat")

    read -r -t "$SETTLE" -u "$NEVER" || true
    local jvm_rss jvm_pss pm pg_pss=0 pg_rss=0 pg_procs=0 pids p
    jvm_rss=$(rss_kb "$APP_PID")
    jvm_pss=$(pss_kb "$APP_PID")
    pm=$(postmaster_pid)
    pids=""
    if [[ -n $pm ]]; then
        pids="$pm $(ps -o pid= --ppid "$pm" | tr '\n' ' ')"
        for p in $pids; do
            pg_pss=$(( pg_pss + $(pss_kb "$p") ))
            pg_rss=$(( pg_rss + $(rss_kb "$p") ))
            pg_procs=$(( pg_procs + 1 ))
        done
    else
        echo "!! $mode: no postmaster.pid in $CLUSTER while running" >&2
    fi

    local load="NA NA NA" jvm_rss_loaded=NA
    if ((LOAD_SECONDS > 0)); then
        local out
        out=$("$JAVA" -cp "$OUT_DIR/classes" HttpLoad "http://127.0.0.1:$PORT$LOAD_PATH" "$LOAD_SECONDS" "$LOAD_CONCURRENCY" 5)
        # "rps R p50_ms A p99_ms B max_ms C requests N errors E"
        load=$(awk '{print $2, $4, $6}' <<< "$out")
        jvm_rss_loaded=$(rss_kb "$APP_PID")
        [[ $(awk '{print $12}' <<< "$out") == 0 ]] || echo "!! $mode: errors under load: $out" >&2
    fi

    # stop: SIGTERM, wait (60 s watchdog), then nothing of the postmaster may be left
    local stop_start stop_end watchdog
    stop_start=$EPOCHREALTIME
    kill -TERM "$APP_PID"
    ( read -r -t 60 -u "$NEVER" || true; kill -KILL "$APP_PID" 2>/dev/null && echo "!! $mode: no exit 60 s after SIGTERM: killed" >&2 ) &
    watchdog=$!
    wait "$APP_PID" 2>/dev/null || true
    stop_end=$EPOCHREALTIME
    kill "$watchdog" 2>/dev/null || true
    wait "$watchdog" 2>/dev/null || true
    APP_PID=""
    for p in $pids; do
        if alive "$p"; then
            echo "!! $mode: PostgreSQL process $p still alive after the app stopped" >&2
            return 1
        fi
    done
    if [[ -f $CLUSTER/postmaster.pid ]]; then
        echo "!! $mode: $CLUSTER/postmaster.pid left behind after the app stopped" >&2
        return 1
    fi
    local reported
    reported=$(sed -n 's/.*Started ShifoApplication in [0-9.]* seconds (process running for \([0-9.]*\)).*/\1/p' "$log" | head -n 1)
    RESULT="$elapsed_ms $jvm_rss $jvm_pss $pg_pss $pg_rss $pg_procs $(( (10#${stop_end/./} - 10#${stop_start/./}) / 1000 )) ${reported:-NA} $cpu_ms $load $jvm_rss_loaded"
}

# ---- the benchmark -----------------------------------------------------------------------------------
{
    echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "commit:   $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty)')"
    echo "machine:  $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
    echo "java:     $("$JAVA" -version 2>&1 | sed -n 2p)"
    for mode in "${MODE_LIST[@]}"; do echo "mode:     $mode = ${MODE_BASE[$mode]} ${MODE_OPTS[$mode]}"; done
    echo "runs:     $RUNS, settle: ${SETTLE}s, port: $PORT, data: $DATA_DIR"
    echo "extra:    BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:-}"
    echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (before)"
} | tee "$OUT_DIR/environment.txt"

CSV="$OUT_DIR/runs.csv"
echo "mode,run,ready_ms,jvm_rss_kb,jvm_pss_kb,pg_pss_kb,pg_rss_kb,pg_procs,stop_ms,jvm_reported_s,jvm_cpu_ms,rps,p50_ms,p99_ms,jvm_rss_loaded_kb" > "$CSV"
for mode in "${MODE_LIST[@]}"; do
    echo "== warm-up: $mode (untimed)"
    one_run "$mode" "$OUT_DIR/$mode-warmup.log"
done
for ((i = 1; i <= RUNS; i++)); do
    for mode in "${MODE_LIST[@]}"; do
        one_run "$mode" "$OUT_DIR/$mode-$i.log"
        read -r ready jrss jpss ppss prss nprocs stop reported cpu rps p50 p99 jrss_loaded <<< "$RESULT"
        printf '   run %d %-14s ready %5d ms  CPU %5d ms  JVM RSS %4d MiB  PG PSS %3d MiB (%d procs)  stop %4d ms  load %s\n' \
            "$i" "$mode" "$ready" "$cpu" $((jrss / 1024)) $((ppss / 1024)) "$nprocs" "$stop" "$(cut -d' ' -f1 /proc/loadavg)"
        ((LOAD_SECONDS > 0)) && printf '   %-20s load: %s req/s  p50 %s ms  p99 %s ms  JVM RSS after load %d MiB\n' \
            "" "$rps" "$p50" "$p99" $((jrss_loaded / 1024))
        echo "$mode,$i,$ready,$jrss,$jpss,$ppss,$prss,$nprocs,$stop,$reported,$cpu,$rps,$p50,$p99,$jrss_loaded" >> "$CSV"
    done
done
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (after)" | tee -a "$OUT_DIR/environment.txt"

# ---- the table ---------------------------------------------------------------------------------------
summary() {
    awk -F, -v modes="$LABELS" '
        function stats(key,   n, i, j, t, a, med, fmt) {
            n = count[key]
            for (i = 1; i <= n; i++) a[i] = val[key, i]
            for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
            med = (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
            fmt = (a[n] < 100) ? "%7.1f %7.1f %7.1f" : "%7.0f %7.0f %7.0f"
            return sprintf(fmt, med, a[1], a[n])
        }
        function add(key, v) { count[key]++; val[key, count[key]] = v }
        NR > 1 {
            add($1 ",ready", $3); add($1 ",jvm", $4 / 1024); add($1 ",pg", $6 / 1024)
            add($1 ",pgrss", $7 / 1024); add($1 ",total", ($4 + $6) / 1024); add($1 ",stop", $9)
            add($1 ",cpu", $11)
            if ($12 != "NA") { add($1 ",rps", $12); add($1 ",p99", $14); add($1 ",loaded", $15 / 1024) }
        }
        END {
            printf "%-14s %-26s %7s %7s %7s\n", "mode", "measure", "median", "min", "max"
            split(modes, m, ",")
            for (k = 1; k in m; k++) {
                printf "%-14s %-26s %s\n", m[k], "ready (ms)", stats(m[k] ",ready")
                printf "%-14s %-26s %s\n", "", "JVM CPU at ready (ms)", stats(m[k] ",cpu")
                printf "%-14s %-26s %s\n", "", "JVM RSS (MiB)", stats(m[k] ",jvm")
                printf "%-14s %-26s %s\n", "", "PostgreSQL PSS (MiB)", stats(m[k] ",pg")
                printf "%-14s %-26s %s\n", "", "PostgreSQL RSS sum (MiB)", stats(m[k] ",pgrss")
                printf "%-14s %-26s %s\n", "", "total: JVM RSS + PG PSS", stats(m[k] ",total")
                printf "%-14s %-26s %s\n", "", "stop after SIGTERM (ms)", stats(m[k] ",stop")
                if (count[m[k] ",rps"] > 0) {
                    printf "%-14s %-26s %s\n", "", "load: requests/s", stats(m[k] ",rps")
                    printf "%-14s %-26s %s\n", "", "load: p99 latency (ms)", stats(m[k] ",p99")
                    printf "%-14s %-26s %s\n", "", "JVM RSS after load (MiB)", stats(m[k] ",loaded")
                }
            }
        }' "$CSV"
}
echo
summary | tee "$OUT_DIR/summary.txt"
echo
echo "targets (2 cores): ready < 6000 ms, total < 450 MiB.  Raw runs: $CSV"
