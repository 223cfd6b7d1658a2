TOKEN_TYPE_JWT = "urn:ietf:params:oauth:token-type:jwt"
TOKEN_URL = "https://oauth2.googleapis.com/token"
access_token_ttl = "15m"
