#!/usr/bin/env bash
# The Click benchmark (see bench/README.md): Prepare + Complete of one invoice after another under N concurrent
# clients (p50/p95/p99, errors), then the 1,000-duplicate storm's time (1,000 copies of one Prepare + Complete).
# Usage: bench/click.sh [clients=32] [sequences-per-client=20] [warm-up-sequences=5]
# Starts its own embedded PostgreSQL in a temporary directory; raw timings go to target/bench/click/.
exec "$(dirname "$0")/test-main.sh" org.shifo.billing.click.ClickBenchmark "$@"
