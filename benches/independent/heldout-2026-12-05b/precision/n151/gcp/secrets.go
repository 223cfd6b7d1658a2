package gcp

const secretVersion = "projects/acme-prod/secrets/db-password/versions/latest"
const vaultTokenPath = "/var/run/secrets/vault-token"
