#!/usr/bin/env bash
set -euo pipefail

DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PASS="${DB_PASS:-e%^BCmU3HNphN^#g}"

pg_dump -h "$DB_HOST" -U backup "$DB_NAME" | gzip > /backups/$(date +%F).sql.gz
