#!/usr/bin/env bash
# Runs a program from the test sources (a benchmark's driver) on the test classpath, compiling first.
# Usage: bench/test-main.sh MAIN-CLASS [arguments...]; the benchmark scripts beside it call it.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
./mvnw -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
main="$1"
shift
exec "$JAVA_HOME/bin/java" -XX:+EnableDynamicAgentLoading \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  "$main" "$@"
