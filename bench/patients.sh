#!/usr/bin/env bash
# The patient registry benchmark (see bench/README.md): search and registration with 200,000 patients.
# Usage: bench/patients.sh [patients=200000] [searches-per-kind=200] [registration-seconds=20]
# Starts its own embedded PostgreSQL in a temporary directory; raw timings go to target/bench/patients/.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
./mvnw -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
exec "$JAVA_HOME/bin/java" -XX:+EnableDynamicAgentLoading \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.shifo.patients.PatientRegistryBenchmark "$@"
