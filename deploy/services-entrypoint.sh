#!/bin/sh
# postgres: initialise the cluster in /var/lib/postgresql/data on first start (POSTGRES_USER/PASSWORD/DB), then run.
# redis-server [ARGS]: run Redis with its data in /data.
set -e
case "$1" in
  postgres)
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)
    DATA=/var/lib/postgresql/data
    mkdir -p "$DATA" /run/postgresql && chown -R postgres:postgres "$DATA" /run/postgresql
    if [ ! -s "$DATA/PG_VERSION" ]; then
      : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is not set: the database password has no default (see docker-compose.yml)}"
      echo "$POSTGRES_PASSWORD" > /tmp/pwfile
      chown postgres /tmp/pwfile
      runuser -u postgres -- "$PGBIN/initdb" -D "$DATA" -U "${POSTGRES_USER:-assessment}" --pwfile=/tmp/pwfile --auth=scram-sha-256 -E UTF8
      rm -f /tmp/pwfile
      echo "host all all 0.0.0.0/0 scram-sha-256" >> "$DATA/pg_hba.conf"
      runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DATA" -w start -o "-c listen_addresses='' -c unix_socket_directories=/run/postgresql"
      runuser -u postgres -- env PGPASSWORD="$POSTGRES_PASSWORD" "$PGBIN/createdb" -h /run/postgresql \
        -U "${POSTGRES_USER:-assessment}" "${POSTGRES_DB:-assessment}"
      runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DATA" -w stop
    fi
    exec runuser -u postgres -- "$PGBIN/postgres" -D "$DATA" -c listen_addresses='*' -c max_connections=300 \
      -c unix_socket_directories=/run/postgresql
    ;;
  redis-server)
    shift
    mkdir -p /data
    exec redis-server --bind 0.0.0.0 --protected-mode no --dir /data "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
