from datadog import initialize, api

options = {
    "api_key": "52fdbaef1d4b045c430291bccc3af9ab",
    "api_host": "https://api.datadoghq.eu",
}
initialize(**options)
