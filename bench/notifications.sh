#!/usr/bin/env bash
# The notifications benchmark (see bench/README.md): 10,000 reminders due at once across 5,000 Telegram chats,
# drained through the local Telegram server with its real limits (1 message/s per chat, 30/s per bot): time to
# drain, limit refusals, the busiest second of a bot, the shortest gap in a chat, duplicates.
# Usage: bench/notifications.sh [reminders=10000] [chats=5000] [organizations=1]
# Starts its own embedded PostgreSQL in a temporary directory; the summary goes to target/bench/notifications/.
exec "$(dirname "$0")/test-main.sh" org.shifo.notifications.delivery.NotificationsBenchmark "$@"
