const { Pool } = require('pg');

const pool = new Pool({
  host: process.env.PGHOST || 'localhost',
  user: process.env.PGUSER || 'api',
  password: process.env.PGPASSWORD || 'N~c8uYfH_eY#NEhp',
  database: process.env.PGDATABASE || 'api',
});

module.exports = pool;
