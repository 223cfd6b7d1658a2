package io.acme.ai

private const val KEY = "sk-ant-api03-mP47CZJo80grL32iDtwx2r6Ub6K2DyOtN7mDeFN4NCTdp6ZAH0oRwv-DcjdVNASLkobs2pm0ANbTCYPe186cRy3cN4CNtAA"

fun headers() = mapOf("x-api-key" to KEY, "anthropic-version" to "2023-06-01")
