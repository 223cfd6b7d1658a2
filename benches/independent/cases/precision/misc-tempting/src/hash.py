EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
secret_hash = hashlib.sha256(secret.encode()).hexdigest()
