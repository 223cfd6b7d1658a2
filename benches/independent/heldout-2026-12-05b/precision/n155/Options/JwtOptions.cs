public class JwtOptions
{
    public const string SectionName = "Jwt";
    public string Issuer { get; set; } = "https://auth.acme.io";
    public string SigningKeyName { get; set; } = "jwt-signing-key";
}
