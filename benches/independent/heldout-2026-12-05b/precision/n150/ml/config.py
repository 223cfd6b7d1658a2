tokenizer = "bert-base-uncased"
max_tokens = 4096
token_budget = 128000
password_hash_algorithm = "argon2id"
