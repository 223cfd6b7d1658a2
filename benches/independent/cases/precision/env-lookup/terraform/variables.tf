variable "db_password" {
  type      = string
  sensitive = true
}

variable "api_token" {
  description = "API token for the provider"
  type        = string
}
