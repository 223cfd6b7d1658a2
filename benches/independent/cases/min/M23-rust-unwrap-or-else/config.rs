let pw = env::var("X").unwrap_or_else(|_| "Rk7q2ZxLm9PwT4vN".to_string());
let database_password = env::var("DATABASE_PASSWORD")
    .unwrap_or_else(|_| "Rk7q2ZxLm9PwT4vN".to_string());
