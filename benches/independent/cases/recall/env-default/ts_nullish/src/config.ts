export const config = {
  port: Number(process.env.PORT ?? 3000),
  jwtSecret: process.env.JWT_SECRET ?? "ji4IzHw7PhIgGXwJdGC0UjrRJKPM2FDk",
  redisUrl: process.env.REDIS_URL ?? "redis://localhost:6379",
};
