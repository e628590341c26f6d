#!/usr/bin/env bash
# The terminology benchmark (see bench/README.md): generates an ICD-10-CM order file of 100,000 codes, imports it
# through the API (target < 15 s), then times diagnosis searches by code prefix and words (target p99 < 20 ms).
# Usage: bench/terminology.sh [codes=100000] [searches=2000]
# Starts its own embedded PostgreSQL in a temporary directory; raw timings go to target/bench/terminology/.
exec "$(dirname "$0")/test-main.sh" org.shifo.terminology.TerminologyBenchmark "$@"
