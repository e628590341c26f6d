#!/usr/bin/env bash
# The scheduling benchmark (see bench/README.md): slot search and booking with 50 practitioners and six months
# of appointments (about 200,000), under 32 concurrent clients.
# Usage: bench/scheduling.sh [clients=32] [seconds-per-phase=30] [warm-up-seconds=10] [practitioners=50]
# Starts its own embedded PostgreSQL in a temporary directory; raw timings go to target/bench/scheduling/.
exec "$(dirname "$0")/test-main.sh" org.shifo.scheduling.SchedulingBenchmark "$@"
