app.use(session({
  secret: 'nUlyyVpAEYlPtZuTozBvgNgn4ebxb8PmszzT5iDy',
  resave: false,
  saveUninitialized: false,
}));
