CREATE TABLE users (
  id BIGSERIAL PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash VARCHAR(255) NOT NULL,
  api_key_digest CHAR(64),
  reset_password_token VARCHAR(128)
);
