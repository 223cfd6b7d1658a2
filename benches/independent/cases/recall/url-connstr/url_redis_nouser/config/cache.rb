Rails.application.config.cache_store = :redis_cache_store, { url: "redis://:cu0yQ61u3Ddvho8FdAMH9BKT@redis.acme-corp.com:6379/1" }
