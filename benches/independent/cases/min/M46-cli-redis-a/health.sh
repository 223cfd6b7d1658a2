redis-cli -h cache.acme-corp.com -a Rk7q2ZxLm9PwT4vN ping
