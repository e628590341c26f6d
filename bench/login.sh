#!/usr/bin/env bash
# Sign-in benchmark: p50 / p99 of POST /api/v1/auth/login (Argon2id at Shifo's parameters, then the token pair)
# with 16 and 64 concurrent clients against the packaged application (see bench/README.md).
#
#   bench/login.sh [-s SECONDS] [-c CONCURRENCIES] [-w WARMUP_SECONDS] [-p PORT]
#
# Builds target/shifo-<version>.jar if it is missing, starts it with its embedded PostgreSQL in a temporary data
# directory and a headless first run (SHIFO_BOOTSTRAP_*), and runs bench/LoginLoad.java, which signs the
# administrator in (enrolling TOTP), creates one nurse per client and measures. Every client comes from
# 127.0.0.1, so the per-address sign-in limit (5 a minute) is raised out of the way for the run
# (SHIFO_RATE_LIMITS_LOGIN_CAPACITY); every attempt still takes its Bucket4j token in PostgreSQL, so that cost is
# measured. The load generator shares the 2 cores with the server and its database. The server's log is left in
# target/bench-login.log.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECONDS_PER_RUN=20
CONCURRENCIES=16,64
WARMUP=5
PORT=${SHIFO_PORT:-18081}
while getopts "s:c:w:p:h" opt; do
    case $opt in
        s) SECONDS_PER_RUN=$OPTARG ;;
        c) CONCURRENCIES=$OPTARG ;;
        w) WARMUP=$OPTARG ;;
        p) PORT=$OPTARG ;;
        *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 2 ;;
    esac
done
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"

fat_jar() { compgen -G "$ROOT/target/shifo-*.jar" | grep -v -- '-plain.jar$' | head -n 1 || true; }
if [[ -z $(fat_jar) ]]; then
    (cd "$ROOT" && JAVA_HOME=$JAVA_HOME ./mvnw -q -DskipTests package)
fi
JAR=$(fat_jar)

DATA=$(mktemp -d)
LOG="$DATA/shifo.log"
ADMIN=bench-admin
ADMIN_PASSWORD="bench administrator password 2026"
cleanup() {
    if [[ -n ${APP_PID:-} ]] && kill -0 "$APP_PID" 2> /dev/null; then
        kill -TERM "$APP_PID"
        wait "$APP_PID" 2> /dev/null || true
    fi
    cp "$LOG" "$ROOT/target/bench-login.log" 2> /dev/null || true
    rm -rf "$DATA"
}
trap cleanup EXIT

SHIFO_DATA_DIR="$DATA" SHIFO_PORT=$PORT \
    SHIFO_BOOTSTRAP_ORGANIZATION="Bench Clinic" SHIFO_BOOTSTRAP_ADMIN_USERNAME=$ADMIN \
    SHIFO_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    SHIFO_RATE_LIMITS_LOGIN_CAPACITY=1000000000 SHIFO_RATE_LIMITS_LOGIN_PERIOD=1m \
    "$JAVA" -jar "$JAR" > "$LOG" 2>&1 &
APP_PID=$!
for _ in $(seq 1 240); do
    if curl -fsS "http://localhost:$PORT/actuator/health/readiness" > /dev/null 2>&1; then
        break
    fi
    if ! kill -0 "$APP_PID" 2> /dev/null; then
        echo "the application stopped; its log:" >&2
        tail -n 40 "$LOG" >&2
        exit 1
    fi
    sleep 0.5
done

echo "date:     $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine:  $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
echo "java:     $("$JAVA" -version 2>&1 | head -n 1)"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) before the run"
"$JAVA" "$ROOT/bench/LoginLoad.java" "http://localhost:$PORT" "$ADMIN" "$ADMIN_PASSWORD" \
    "$SECONDS_PER_RUN" "$CONCURRENCIES" "$WARMUP"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) after the run"
