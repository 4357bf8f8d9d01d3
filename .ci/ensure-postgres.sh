#!/usr/bin/env bash
# Make sure a PostgreSQL server answers; print the DATABASE_URL to use on stdout.
# Order: the URL given in DATABASE_URL, the machine's cluster (pg_ctlcluster), and
# last a throwaway cluster under var/pg. Never falls back to SQLite.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/remiss}"
hostport="${url#*@}"; hostport="${hostport%%/*}"
host="${hostport%%:*}"; port="${hostport##*:}"; [ "$port" = "$host" ] && port=5432

ready() { pg_isready -q -h "$1" -p "$2" 2>/dev/null; }

if ! command -v pg_isready >/dev/null 2>&1; then
  echo "Installing PostgreSQL" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
if ready "$host" "$port"; then echo "$url"; exit 0; fi

if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  version="$(ls /etc/postgresql | sort -V | tail -n1)"
  echo "Starting PostgreSQL cluster $version/main" >&2
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  for _ in $(seq 1 20); do ready "$host" "$port" && { echo "$url"; exit 0; }; sleep 0.5; done
fi

# A throwaway cluster owned by postgres (initdb refuses root), on port 5433.
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
dir="$root/var/pg"
if ! ready 127.0.0.1 5433; then
  echo "Starting a throwaway PostgreSQL cluster in $dir" >&2
  install -d -o postgres -g postgres "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    runuser -u postgres -- "$pgbin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
      --locale=C.UTF-8 >&2
  fi
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p 5433 -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
fi
echo "postgres://postgres@127.0.0.1:5433/${url##*/}"
