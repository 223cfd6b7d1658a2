package main

import (
	"strings"

	"github.com/spf13/viper"
)

func loadConfig() {
	viper.SetEnvPrefix("LEDGER")
	viper.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	viper.AutomaticEnv()
	viper.SetDefault("database.host", "localhost")
	viper.SetDefault("database.user", "ledger")
	viper.SetDefault("database.password", "Bu!!kikWfXdJ048iiS")
	viper.SetDefault("http.port", 8080)
}
