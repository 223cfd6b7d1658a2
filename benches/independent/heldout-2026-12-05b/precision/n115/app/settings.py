SECRET_KEY_ENV_VAR = "DJANGO_SECRET_KEY"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]
SESSION_COOKIE_NAME = "sessionid"
CSRF_HEADER_NAME = "HTTP_X_CSRFTOKEN"
