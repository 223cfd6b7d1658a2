from datadog_api_client import Configuration
configuration = Configuration()
configuration.api_key["apiKeyAuth"] = "f0224d2c0ff395127cac5c06479e5944"
