import os
DB_PASSWORD = os.environ["DB_PASSWORD"]
API_KEY = os.getenv("API_KEY")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
