DB_PASS="${DB_PASS:-eqxB7mU3HNphNkdg}"
