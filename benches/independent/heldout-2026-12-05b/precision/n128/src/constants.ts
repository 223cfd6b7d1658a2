export const TOKEN_HEADER = "X-Auth-Token";
export const API_KEY_PARAM = "api_key";
export const PASSWORD_FIELD = "password";
export const SECRET_PREFIX = "sk_live_";
export const BEARER = "Bearer ";
