CELERY_BROKER_URL = 'amqp://tasks:rgEFmbg5H~^0WoHv@rabbitmq.svc.cluster.local:5672/tasks'
CELERY_TASK_ACKS_LATE = True
