#!/usr/bin/env bash
# The patient chart benchmark (see bench/README.md): the chart pages of a patient with 2,000 past encounters
# (vitals, diagnoses, and lab results when their table exists) among other patients' encounters, one request
# after another, with the plans of a page's queries.
# Usage: bench/chart.sh [warm-up=50] [measured=500] [encounters=2000] [other-patients=400]
# Starts its own embedded PostgreSQL in a temporary directory; raw timings go to target/bench/chart/.
exec "$(dirname "$0")/test-main.sh" org.shifo.clinical.ChartBenchmark "$@"
