#!/bin/sh
# First start: create the cluster with POSTGRES_USER/POSTGRES_PASSWORD/POSTGRES_DB (official image's contract),
# then run the server in the foreground on all interfaces. Extra arguments go to postgres (e.g. -c fsync=off).
set -eu
: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo "error: POSTGRES_PASSWORD is not set; pass -e POSTGRES_PASSWORD=... to this container" >&2
    exit 1
  fi
  pwfile=$(mktemp)
  printf '%s' "$POSTGRES_PASSWORD" > "$pwfile"
  initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pwfile" --auth=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  echo "host all all 0.0.0.0/0 scram-sha-256" >> "$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != "postgres" ]; then
    echo "CREATE DATABASE \"$POSTGRES_DB\" OWNER \"$POSTGRES_USER\";" \
      | postgres --single -D "$PGDATA" -j postgres >/dev/null
  fi
  echo "entrypoint: initialised database \"$POSTGRES_DB\" for user \"$POSTGRES_USER\""
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
