broker_url = "redis://:a%zZE2!v5F*Zlwj@cache.internal:6379/0"
result_backend = "redis://cache.internal:6379/1"
task_serializer = "json"
