package com.acme.weather

object Keys {
    const val API_KEY = "1HO8D9jGZSWEkZMoeGnNajcCxGF2Fxf8"
}
