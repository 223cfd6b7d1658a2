import session from 'express-session';

const {
  SESSION_SECRET = 'JWVObQn05kv4QufRr0Cl1aJkDdd5h6cDL7iI6obU',
  SESSION_TTL = '86400',
} = process.env;

export default session({
  secret: SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  cookie: { maxAge: Number(SESSION_TTL) * 1000 },
});
