var password = Environment.GetEnvironmentVariable("SQL_PASSWORD")
    ?? throw new InvalidOperationException("SQL_PASSWORD missing");
var apiKey = builder.Configuration["ApiKey"];
