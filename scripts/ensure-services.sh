#!/usr/bin/env bash
# Make sure PostgreSQL and Redis answer on localhost; start the installed servers if stopped.
set -euo pipefail

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

if ! pg_up; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "PostgreSQL is not answering; starting the local cluster."
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  fi
  pg_up || { echo "PostgreSQL does not answer on 127.0.0.1:5432. Install it (apt-get install postgresql) and allow trust auth for user postgres, or set TEST_DATABASE_URL." >&2; exit 1; }
fi

if ! redis_up; then
  if command -v redis-server >/dev/null; then
    echo "Redis is not answering; starting a local server."
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
    for _ in $(seq 1 20); do redis_up && break; sleep 0.5; done
  fi
  redis_up || { echo "Redis does not answer on 127.0.0.1:6379. Install it (apt-get install redis-server) or set TEST_REDIS_URL." >&2; exit 1; }
fi
echo "PostgreSQL and Redis answer."
