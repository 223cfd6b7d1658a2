Sentry.init({ dsn: "https://fdd7f2e64ad5b9ffeffe419060c604c2@o576430.ingest.sentry.io/6370433" });
