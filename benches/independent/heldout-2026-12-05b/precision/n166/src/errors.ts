export const INVALID_PASSWORD = "invalid_password";
export const TOKEN_EXPIRED = "token_expired";
export const MISSING_API_KEY = "missing_api_key";
