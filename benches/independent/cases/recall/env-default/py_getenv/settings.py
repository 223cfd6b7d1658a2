import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.getenv("DB_NAME", "shop"),
        "USER": os.getenv("DB_USER", "shop"),
        "PASSWORD": os.getenv("DB_PASSWORD", "FB4%fna6wVcmmdWk"),
        "HOST": os.getenv("DB_HOST", "localhost"),
    }
}
