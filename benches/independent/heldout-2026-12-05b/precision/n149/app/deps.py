api_key = settings.API_KEY
auth_token = request.headers.get("X-Auth-Token")
password = form.cleaned_data["password"]
