package cmd

import "github.com/spf13/viper"

func initConfig() {
	viper.SetDefault("server.port", 8080)
	viper.SetDefault("datadog.api_key", "d39826bbd4bf6111409f09e442b49b47")
	viper.SetDefault("db.password", "postgres")
	viper.AutomaticEnv()
}
