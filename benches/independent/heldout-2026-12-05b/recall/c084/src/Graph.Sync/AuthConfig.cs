namespace Graph.Sync
{
    internal static class AuthConfig
    {
        public const string TenantId = "common";
        public const string ClientId = "f6b751d1-452a-4e89-ab0d-40fb5ef659e6";
        private const string ClientSecret = "DflX0CW2HfWmsR4Npntc5iKlXveHlDP7uu8XL~7i";
    }
}
