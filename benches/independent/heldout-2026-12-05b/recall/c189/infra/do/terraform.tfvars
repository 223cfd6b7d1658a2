region   = "fra1"
do_token = "dop_v1_9d568254c20713f57b7b3ff36b3eab844b8bee3de11b02d1e16a6276ba6ed9ad"
