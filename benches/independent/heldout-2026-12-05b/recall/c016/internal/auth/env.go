package auth

import "os"

func getEnv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}

var (
	issuer     = getEnv("AUTH_ISSUER", "https://auth.acme.dev")
	authSecret = getEnv("AUTH_SECRET", "L5+qwehbgTmF6RbZAkcDMhcv4TPJWDwWmSqghQKW7nY=")
)
