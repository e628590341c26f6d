#!/usr/bin/env bash
# The live queue benchmark (see bench/README.md): WebSocket subscribers of one queue, on one or two nodes,
# and the latency from a committed call to its receipt at every client.
# Usage: bench/queue-live.sh [subscribers=1000] [nodes=1] [calls=100] [pace-ms=200]
exec "$(dirname "$0")/test-main.sh" org.shifo.queue.QueueLiveBenchmark "$@"
