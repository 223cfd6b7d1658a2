object Prefs {
    const val KEY_AUTH_TOKEN = "auth_token"
    const val KEY_PASSWORD = "pref_password"
    const val KEY_REFRESH_TOKEN = "refresh_token"
}
