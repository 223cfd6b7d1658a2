rabbitmqctl add_user app qEpq5f2%r10G0REt
rabbitmqctl set_permissions -p / app ".*" ".*" ".*"
