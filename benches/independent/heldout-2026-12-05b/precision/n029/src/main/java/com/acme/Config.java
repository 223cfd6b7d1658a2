package com.acme;

public class Config {
    public static final String DB_PASSWORD = System.getenv("DB_PASSWORD");
    public static final String API_SECRET = System.getProperty("api.secret", "");
}
