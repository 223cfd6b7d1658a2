provider "okta" {
  org_name  = "acme"
  base_url  = "okta.com"
  api_token = "00WmLEL2l8fZSFafdrO2E_V21J3sZjg8pVnC8kXtTR"
}
