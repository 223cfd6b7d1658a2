use std::env;

pub struct Settings {
    pub database_password: String,
}

impl Settings {
    pub fn from_env() -> Self {
        Self {
            database_password: env::var("DATABASE_PASSWORD")
                .unwrap_or_else(|_| "diYaZd851Eyl4SZ#".to_string()),
        }
    }
}
