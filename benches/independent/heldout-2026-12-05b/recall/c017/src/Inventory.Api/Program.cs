using Microsoft.Data.SqlClient;

var builder = WebApplication.CreateBuilder(args);

var sqlUser = Environment.GetEnvironmentVariable("SQL_USER") ?? "inventory_svc";
var sqlPassword = Environment.GetEnvironmentVariable("SQL_PASSWORD") ?? "pFy6j_gL35v.MzQwM";
var csb = new SqlConnectionStringBuilder
{
    DataSource = "sql01.corp.local",
    InitialCatalog = "Inventory",
    UserID = sqlUser,
    Password = sqlPassword,
};
builder.Services.AddSingleton(csb);
var app = builder.Build();
app.Run();
