pg_isready -h localhost -U "$POSTGRES_USER" && redis-cli -a "$REDIS_PASSWORD" ping
