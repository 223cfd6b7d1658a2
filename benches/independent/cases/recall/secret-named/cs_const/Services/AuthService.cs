namespace Acme.Services
{
    public class AuthService
    {
        private const string JwtSigningKey = "LpIsfRQTSAHXApzmMjY6cR7s9FgqPjJr";
    }
}
