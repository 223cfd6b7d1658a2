import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.getenv("DATABASE_NAME", "orders"),
        "USER": os.getenv("DATABASE_USER", "orders_app"),
        "PASSWORD": os.getenv("DATABASE_PASSWORD", "F6WU+3J6Q-eYg14.KN"),
        "HOST": os.getenv("DATABASE_HOST", "localhost"),
        "PORT": int(os.getenv("DATABASE_PORT", "5432")),
    }
}
