sqlcmd -S sql01.acme-corp.com -U sa -P 'Rk7q2ZxLm9PwT4vN' -i migrate.sql
