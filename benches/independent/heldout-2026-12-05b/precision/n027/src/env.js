const apiKey = process.env.OPENAI_API_KEY;
const password = process.env.DB_PASSWORD || '';
const secret = process.env.JWT_SECRET ?? undefined;
module.exports = { apiKey, password, secret };
