#!/bin/sh
set -eu

export DB_HOST="${DB_HOST:-postgres}"
export DB_USER="${DB_USER:-keycloak}"
export DB_PASS="${DB_PASS:-hu^zuAgmh8yI3+}"

until pg_isready -h "$DB_HOST" -U "$DB_USER"; do sleep 1; done
exec /opt/keycloak/bin/kc.sh start --db-password="$DB_PASS"
