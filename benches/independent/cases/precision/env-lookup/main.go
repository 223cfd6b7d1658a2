package main

import "os"

var apiKey = os.Getenv("API_KEY")
var dbPassword = mustEnv("DB_PASSWORD")
