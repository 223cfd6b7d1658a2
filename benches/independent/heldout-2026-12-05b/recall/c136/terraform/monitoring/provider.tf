provider "datadog" {
  api_key = var.datadog_api_key
  app_key = "52960e7ea2f32217a875f9ec68fbc6b40f1c451b"
  api_url = "https://api.datadoghq.eu/"
}
