#!/bin/sh
export PGPASSWORD="${DB_PASSWORD}"
: "${SECRET_KEY:=$(head -c 32 /dev/urandom | base64)}"
exec gunicorn app:app
