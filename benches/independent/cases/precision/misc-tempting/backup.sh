#!/bin/sh
mysqldump --defaults-extra-file=/etc/mysql/backup.cnf --all-databases | gzip > backup.sql.gz
