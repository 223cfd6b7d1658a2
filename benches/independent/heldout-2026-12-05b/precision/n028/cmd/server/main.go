package main

import "os"

var (
	dbPassword = os.Getenv("DB_PASSWORD")
	apiToken   = mustEnv("API_TOKEN")
)

func mustEnv(k string) string {
	v := os.Getenv(k)
	if v == "" {
		panic(k + " is not set")
	}
	return v
}
