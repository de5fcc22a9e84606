#!/usr/bin/env bash
# `make load`: gunicorn on PostgreSQL, LOAD_USERS simulated users for LOAD_TIME seconds, then a check
# that every write that got a success response is stored exactly once.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=.venv/bin/python
PORT=${LOAD_PORT:-8200}
export DJANGO_DEBUG=0 DJANGO_SECRET_KEY=load-only-key DJANGO_SECURE_SSL_REDIRECT=0 \
  DJANGO_SECURE_COOKIES=0 DATABASE_URL=${LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/recovery_load}
export LOAD_RESULTS=${LOAD_RESULTS:-load-successes.json}

USERS=${LOAD_USERS:-50}
RATE=${LOAD_SPAWN_RATE:-2}
SECONDS_ALL=${LOAD_TIME:-60}
SECONDS_ALL=${SECONDS_ALL%s}  # "60s" and "60" both mean 60 seconds
for value in "$USERS" "$RATE" "$SECONDS_ALL"; do
  if ! [[ "$value" =~ ^[1-9][0-9]*$ ]]; then
    echo "LOAD_USERS, LOAD_SPAWN_RATE and LOAD_TIME (seconds) must be whole numbers above 0; got '$value'." >&2
    exit 2
  fi
done
if $PY -c 'import socket, sys; sys.exit(socket.socket().connect_ex(("127.0.0.1", int(sys.argv[1]))) != 0)' "$PORT"; then
  echo "Port $PORT is already in use: something else answers there, and the load test would measure it. Stop it, or choose another port with LOAD_PORT=..." >&2
  exit 2
fi
createdb -h 127.0.0.1 -U postgres recovery_load 2>/dev/null || true
$PY manage.py migrate --noinput --verbosity 0
$PY manage.py collectstatic --noinput --verbosity 0
$PY -m tests.load.users --count "$USERS"

.venv/bin/gunicorn recovery.wsgi --bind "127.0.0.1:$PORT" --workers "${LOAD_WORKERS:-4}" \
  --log-level warning --pid /tmp/recovery-load.pid &
trap 'kill "$(cat /tmp/recovery-load.pid 2>/dev/null)" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.2
done

# Users arrive LOAD_SPAWN_RATE a second (each signs in once: an Argon2 hash, about a quarter
# of a second of CPU), then all of them keep going for LOAD_TIME; the figures cover the whole
# run, sign-ins included.
RAMP=$(( (USERS + RATE - 1) / RATE ))
.venv/bin/locust -f tests/load/locustfile.py --headless --host "http://127.0.0.1:$PORT" \
  --users "$USERS" --spawn-rate "$RATE" --run-time "$(( RAMP + SECONDS_ALL ))s" \
  --only-summary --csv /tmp/recovery-load
kill "$(cat /tmp/recovery-load.pid)"
sleep 1
$PY -m tests.load.check "$LOAD_RESULTS"
