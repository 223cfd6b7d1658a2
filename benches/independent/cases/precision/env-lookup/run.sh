#!/bin/sh
export PGPASSWORD="$DB_PASSWORD"
mysql -u root -p"${MYSQL_ROOT_PASSWORD}" < schema.sql
