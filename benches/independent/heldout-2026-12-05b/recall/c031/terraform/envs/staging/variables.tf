variable "admin_api_key" {
  type        = string
  description = "Key used by the provisioning job to call the admin API"
  default     = "gtmrwuS5RNlDEduFtkVEivg5rVVeGqyAQxqlvqic"
}
