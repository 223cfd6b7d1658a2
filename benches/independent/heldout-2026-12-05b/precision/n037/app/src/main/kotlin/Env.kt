object Env {
    val apiKey: String = System.getenv("API_KEY") ?: error("API_KEY missing")
    val password: String? = System.getenv("DB_PASSWORD")
}
