path "secret/data/app/*" {
  capabilities = ["read"]
}
template {
  contents = "{{ with secret \"secret/data/app/db\" }}{{ .Data.data.password }}{{ end }}"
  destination = "/etc/app/db.password"
}
