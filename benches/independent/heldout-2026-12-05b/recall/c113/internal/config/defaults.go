package config

const defaultConfig = `{
  "listen": ":9000",
  "auth": {
    "hmacSecret": "uT57zomMEka3Iir3Lqw24KZ838SsU1PpoJ1yV2KLyFk="
  }
}`
