export const config = {
  port: Number(process.env.PORT) || 3000,
  sentryDsn: process.env.SENTRY_DSN,
  internalApiToken: process.env.INTERNAL_API_TOKEN || "pyr1hdlKm7e7nE9JqcQ6M1ppI4OlkSoPKc78",
} as const;
