package com.acme

object Config {
    val dbUrl: String = System.getenv("DB_URL") ?: "jdbc:postgresql://localhost:5432/app"
    val dbPassword: String = System.getenv("DB_PASSWORD") ?: "WHfL3DdCt0!DeF77"
}
