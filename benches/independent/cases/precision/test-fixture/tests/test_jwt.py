SECRET = "secret"
TOKEN = jwt.encode({"sub": "123"}, SECRET, algorithm="HS256")
