use std::env;

pub struct Client {
    base: String,
    token: String,
}

impl Client {
    pub fn from_env() -> Self {
        let base = env::var("REGISTRY_URL").unwrap_or_else(|_| "https://registry.acme.dev".into());
        let token = env::var("REGISTRY_TOKEN").unwrap_or_else(|_| "3qJUWMBkcPkjiRCwDjtXl7BWjvH3VQaH".to_string());
        Client { base, token }
    }
}
