String v = System.getenv("SMTP_PASSWORD");
return v != null ? v : "Rk7q2ZxLm9PwT4vN";
