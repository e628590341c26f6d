#!/usr/bin/env bash
# The patient registry benchmark (see bench/README.md): search and registration with 200,000 patients.
# Usage: bench/patients.sh [patients=200000] [searches-per-kind=200] [registration-seconds=20]
# Starts its own embedded PostgreSQL in a temporary directory; raw timings go to target/bench/patients/.
exec "$(dirname "$0")/test-main.sh" org.shifo.patients.PatientRegistryBenchmark "$@"
