package com.acme;

public class Mail {
    static String smtpPassword() {
        String v = System.getenv("SMTP_PASSWORD");
        return v != null ? v : "jii!Ymkgf*#it4l0";
    }
}
