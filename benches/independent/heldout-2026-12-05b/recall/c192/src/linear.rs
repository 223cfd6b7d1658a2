const LINEAR_KEY: &str = "lin_api_mnHEgm2hW6l56sEdLwmuYmw9SUlv2qxXhMH6LJSq";

pub fn auth_header() -> String {
    LINEAR_KEY.to_string()
}
