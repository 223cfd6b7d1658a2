sqlplus -s reporting/Rk7q2ZxLm9PwT4vN@oracle.acme-corp.com:1521/ORCLPDB1 @export.sql
