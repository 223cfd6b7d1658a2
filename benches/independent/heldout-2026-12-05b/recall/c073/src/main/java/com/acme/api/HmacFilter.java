package com.acme.api;

public class HmacFilter {
    private static final String HMAC_SECRET = "Q4/UqsT1zGKOS0bN8PK8pjlXp+/Vt8J9484lfYAc2Do=";
}
