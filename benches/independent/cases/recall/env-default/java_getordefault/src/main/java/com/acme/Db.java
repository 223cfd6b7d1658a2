package com.acme;

import java.util.Map;

public final class Db {
    private static final Map<String, String> ENV = System.getenv();

    static String password() {
        return ENV.getOrDefault("DB_PASSWORD", "qF4cvsSFhiEy*IT_");
    }
}
