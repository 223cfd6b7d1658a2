import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DB_PASSWORD = os.getenv("DB_PASSWORD")
STRIPE_KEY = os.environ.get("STRIPE_SECRET_KEY")
API_TOKEN = os.getenv("API_TOKEN", None)
