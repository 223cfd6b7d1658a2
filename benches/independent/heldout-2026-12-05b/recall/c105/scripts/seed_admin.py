import requests

password = "aNGTzzTWcV" \
    "*!w!fnrj3d"
requests.post("https://admin.acme.local/api/users", json={"user": "admin", "password": password})
