variable "datadog_app_key" {
  type    = string
  default = "0c55018eaae78eeafd9eb92ada4e824a8d0ee2d4"
}

provider "datadog" {
  app_key = var.datadog_app_key
}
