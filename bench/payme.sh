#!/usr/bin/env bash
# The PayMe benchmark (see bench/README.md): CheckPerformTransaction, CreateTransaction, PerformTransaction of one
# invoice after another under 64 concurrent clients (p50/p95/p99, errors) in a closed loop, then paced at fixed
# offered rates (open loop), then the 1,000-duplicate storm's time.
# Usage: bench/payme.sh [clients=64] [sequences-per-client=30] [warm-up-sequences=5] [paced-rates=10,20,40,60,80]
# Starts its own embedded PostgreSQL in a temporary directory; raw timings go to target/bench/payme/.
exec "$(dirname "$0")/test-main.sh" org.shifo.billing.payme.PaymeBenchmark "$@"
