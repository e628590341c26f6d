#!/usr/bin/env bash
# What auditing each patient read costs (see bench/README.md): ./bench/patient-read-audit.sh [threads=64] [seconds=30] [patients=2000]
# Needs JAVA_HOME pointing at a JDK 21 or newer. Starts its own embedded PostgreSQL in a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
# BENCH_JAVA_OPTS: e.g. -Dbench.sides=http (only over HTTP), -Dbench.app-args="--shifo.audit.read-batch-linger=0"
exec "${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}/bin/java" -XX:+EnableDynamicAgentLoading ${BENCH_JAVA_OPTS:-} \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.shifo.patients.PatientReadAuditBenchmark "$@"
