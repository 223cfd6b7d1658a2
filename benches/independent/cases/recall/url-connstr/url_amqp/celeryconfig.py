broker_url = "amqp://worker:SPd7wiNLVR!N9y2E@rabbitmq.acme-corp.com:5672/prod"
result_backend = "rpc://"
