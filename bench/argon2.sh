#!/usr/bin/env bash
# Argon2id cost at Shifo's parameters: one check (a sign-in's share) and checks per second on 1 and all cores.
# Usage: bench/argon2.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
./mvnw -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
"$JAVA_HOME/bin/java" -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  org.shifo.identity.signin.PasswordHashingBenchmark "${1:-40}"
