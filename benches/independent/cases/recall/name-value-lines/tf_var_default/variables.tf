variable "db_password" {
  description = "Password for the RDS master user"
  type        = string
  sensitive   = true
  default     = "1b~qGoqBpM7M-yUi"
}
