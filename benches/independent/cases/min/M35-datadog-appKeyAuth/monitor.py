configuration.api_key["appKeyAuth"] = "1b78c9aa3caac4ec9df7193510eb0500f3550dc4"
