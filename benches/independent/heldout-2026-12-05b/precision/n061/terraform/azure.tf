provider "azurerm" {
  features {}
  subscription_id = "ebf3feb0-f77f-4f34-b804-3f2649af1508"
  tenant_id       = "3bf9d738-4394-4fa5-9a31-1937d823a8a3"
  client_id       = "0bb694ef-a4ce-48b9-aa4a-b5e6eb28b04a"
}
