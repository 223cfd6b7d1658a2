#!/bin/bash
sqlplus -s scott/p9lc*lB!*C8HTl@//ora01.corp.local:1521/ORCL <<'SQL'
SET PAGESIZE 0
SELECT COUNT(*) FROM orders WHERE created_at > SYSDATE - 1;
EXIT
SQL
