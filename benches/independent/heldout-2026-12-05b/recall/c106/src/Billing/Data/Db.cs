namespace Billing.Data
{
    public static class Db
    {
        public const string ConnectionString =
            "Server=billing-sql;Database=Billing;" +
            "User Id=billing_app;Password=AkfC!aw!f8Uza~uP;" +
            "TrustServerCertificate=True";
    }
}
