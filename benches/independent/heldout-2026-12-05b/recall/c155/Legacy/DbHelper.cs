// Don’t change – used by the nightly “export” job
public static class DbHelper
{
    public const string Conn = "Data Source=SQL01;Initial Catalog=Export;User ID=export;Password=k*zuotCO!IVQ0V5O;";
}
