DATABASE_URL = "postgresql://test:test@127.0.0.1:5432/test_db"
