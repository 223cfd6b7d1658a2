configuration.api_key["appKeyAuth"] = "4209f72c96a3b1d2860aa47f2ca10f7167c38f92"
