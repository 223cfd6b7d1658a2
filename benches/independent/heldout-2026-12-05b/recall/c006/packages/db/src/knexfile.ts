import type { Knex } from "knex";

const config: Knex.Config = {
  client: "pg",
  connection: {
    host: process.env.PGHOST ?? "127.0.0.1",
    user: process.env.PGUSER ?? "inventory",
    password: process.env.PGPASSWORD ?? "pR5xN^sFg~tSc5zV",
    database: process.env.PGDATABASE ?? "inventory",
  },
  migrations: { directory: "./migrations" },
};

export default config;
