#!/usr/bin/env bash
# The audit trail benchmark (see bench/README.md): ./bench/audit-record.sh [threads=64] [seconds-per-phase=15]
# Needs JAVA_HOME pointing at a JDK 21 or newer. Starts its own embedded PostgreSQL in a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec "${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}/bin/java" -XX:+EnableDynamicAgentLoading \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.shifo.audit.AuditRecordBenchmark "$@"
