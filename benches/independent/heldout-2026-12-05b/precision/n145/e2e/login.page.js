const passwordSelector = '#password';
const tokenInput = 'input[name="token"]';
await page.fill(passwordSelector, process.env.E2E_PASSWORD);
