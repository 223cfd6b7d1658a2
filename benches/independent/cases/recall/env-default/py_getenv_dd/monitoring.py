import os
from datadog import initialize

initialize(
    api_key=os.getenv("DD_API_KEY", "7c136d34e88cc52b12e2482f18d7727e"),
    app_key=os.getenv("DD_APP_KEY"),
)
