fn main() {
    let token = std::env::var("GITHUB_TOKEN").expect("GITHUB_TOKEN not set");
    let password = std::env::var("DB_PASSWORD").unwrap_or_default();
    run(&token, &password);
}
