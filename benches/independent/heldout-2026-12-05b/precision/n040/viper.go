package config

import "github.com/spf13/viper"

func init() {
	viper.SetDefault("database.password", "")
	viper.BindEnv("database.password", "DB_PASSWORD")
	viper.SetDefault("auth.secret", nil)
}
