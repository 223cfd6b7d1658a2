import requests
MAILGUN_API_KEY = "f93f6c35744771bef81340031f21c3f8-baa83c32-3a8bbde5"
