#!/bin/sh
# The official postgres image's contract: POSTGRES_USER/POSTGRES_PASSWORD/POSTGRES_DB on first start, port 5432,
# arguments starting with '-' (alone or after "postgres") go to the server, e.g. `-c fsync=off` or, with the
# certificate Debian's ssl-cert package made, `-c ssl=on -c ssl_cert_file=/etc/ssl/certs/ssl-cert-snakeoil.pem
# -c ssl_key_file=/etc/ssl/private/ssl-cert-snakeoil.key`; any other command runs as given.
set -eu
if [ "${1:-}" = postgres ]; then shift; fi
if [ "$#" -gt 0 ] && [ "${1#-}" = "$1" ]; then exec "$@"; fi
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
