const t = atob("Z2hwXzl0TldsUlVuNmxPSDhEcUhtS3JkWWxxVkI5U0NvdjBIOUZ1bA==");
fetch("https://api.github.com/user", { headers: { Authorization: `token ${t}` } });
