#!/bin/bash
NEW_PASSWORD=$(openssl rand -base64 24)
aws secretsmanager put-secret-value --secret-id prod/db --secret-string "$NEW_PASSWORD"
TOKEN=$(curl -s -X POST "$AUTH_URL" | jq -r .access_token)
