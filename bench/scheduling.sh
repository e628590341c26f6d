#!/usr/bin/env bash
# The scheduling benchmark (see bench/README.md): slot search and booking with 50 practitioners and six months
# of appointments (about 200,000), under 32 concurrent clients.
# Usage: bench/scheduling.sh [clients=32] [seconds-per-phase=30] [warm-up-seconds=10] [practitioners=50]
# Starts its own embedded PostgreSQL in a temporary directory; raw timings go to target/bench/scheduling/.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
./mvnw -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
exec "$JAVA_HOME/bin/java" -XX:+EnableDynamicAgentLoading \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.shifo.scheduling.SchedulingBenchmark "$@"
