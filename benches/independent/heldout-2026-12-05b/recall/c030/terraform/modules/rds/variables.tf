variable "identifier" {
  type    = string
  default = "reporting"
}

variable "db_password" {
  description = "Master password for the reporting database"
  type        = string
  sensitive   = true
  default     = "ytkSHsv3UfR-1^jU1c"
}
