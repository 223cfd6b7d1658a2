using System;

namespace Acme.Api
{
    public static class Secrets
    {
        public static string RedisPassword =>
            Environment.GetEnvironmentVariable("REDIS_PASSWORD") ?? "YNAseSfHzlZ5bO~z";
    }
}
