export default { connection: { password: process.env.PGPASSWORD ?? "M_wVZIscYMBKrh-9" } };
