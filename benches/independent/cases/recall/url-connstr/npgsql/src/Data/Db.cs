namespace Acme.Data;

public static class Db
{
    public const string ConnectionString =
        "Host=pg.acme-corp.com;Port=5432;Database=crm;Username=crm;Password=pBBv8188YYfq0R*v";
}
