password: ENV.fetch("DATABASE_PASSWORD") { "r5Vn7fwPLz2aErS7" }
