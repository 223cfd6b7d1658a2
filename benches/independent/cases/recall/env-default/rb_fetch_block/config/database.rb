DB = Sequel.connect(
  adapter: "postgres",
  user: ENV.fetch("DATABASE_USER") { "app" },
  password: ENV.fetch("DATABASE_PASSWORD") { "r5Vn-fwPLz-aErS7" },
  host: ENV["DATABASE_HOST"]
)
