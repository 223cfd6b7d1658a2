PGPASSWORD=Rk7q2ZxLm9PwT4vN psql -h db.acme-corp.com -U app app
