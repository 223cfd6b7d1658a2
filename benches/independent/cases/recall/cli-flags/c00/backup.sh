#!/bin/sh
mysqldump -u backup -pcnpFtxZsxcMa6bYx -h db.acme-corp.com --all-databases > all.sql
