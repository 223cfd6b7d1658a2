sqlcmd -S sql01.acme-corp.com -U sa -P 'IG8SNs-kgRt_3JJ3' -i .\migrate.sql
