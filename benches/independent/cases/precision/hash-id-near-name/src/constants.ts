export const PASSWORD_MIN_LENGTH = 12;
export const TOKEN_REFRESH_INTERVAL_MS = 300000;
export const SECRET_MANAGER_ARN_PREFIX = "arn:aws:secretsmanager:";
export const API_KEY_HEADER = "X-Api-Key";
