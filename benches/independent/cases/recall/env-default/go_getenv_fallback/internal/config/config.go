package config

import "os"

func getenv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}

var DBPassword = getenv("DB_PASSWORD", "w92Dfu6y*QJ8pq%~")
