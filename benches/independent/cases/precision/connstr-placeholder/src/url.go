u := fmt.Sprintf("amqp://%s:%s@%s:5672/", user, pass, host)
