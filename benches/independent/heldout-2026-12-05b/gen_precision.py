"""Generate precision/ : files full of tempting non-secrets (nNNN/ dirs) and manifest_precision.json."""
import base64, hashlib, json, os, shutil, textwrap, zlib
from lib import *

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "precision")
CASES = []


def add(kind, path, text, enc="utf-8", crlf=False, note=""):
    CASES.append(dict(kind=kind, path=path, text=textwrap.dedent(text).lstrip("\n"), enc=enc, crlf=crlf, note=note))


def sha256():
    return hashlib.sha256(secrets.token_bytes(32)).hexdigest()


def sha512b64():
    return base64.b64encode(hashlib.sha512(secrets.token_bytes(32)).digest()).decode()


def sha1():
    return hashlib.sha1(secrets.token_bytes(16)).hexdigest()


# ------------------------------------------------------------ placeholders
add("placeholder", "svc/.env.example", '''
    # Copy to .env and fill in
    DATABASE_URL=postgres://user:password@localhost:5432/app
    REDIS_PASSWORD=
    STRIPE_SECRET_KEY=sk_live_your_key_here
    OPENAI_API_KEY=<your-openai-api-key>
    JWT_SECRET=changeme
''')
add("placeholder", "config/settings.sample.yaml", '''
    database:
      host: localhost
      user: app
      password: "<DB_PASSWORD>"
    smtp:
      password: "${SMTP_PASSWORD}"
    api:
      token: "YOUR_API_TOKEN"
''')
add("placeholder", "terraform/terraform.tfvars.example", '''
    db_password   = "REPLACE_ME"
    api_key       = "<api-key>"
    datadog_api_key = ""
''')
add("placeholder", "src/main/resources/application-local.properties", '''
    spring.datasource.username=sa
    spring.datasource.password=
    app.jwt.secret=${JWT_SECRET}
    app.mail.password=${MAIL_PASSWORD:}
''')
add("placeholder", "README.md", '''
    ## Configuration

    Set the following environment variables:

    ```bash
    export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
    export AWS_SECRET_ACCESS_KEY=your-secret-access-key
    export DB_PASSWORD='your password here'
    ```
''')
add("placeholder", "docs/install.md", '''
    Edit `config.ini`:

        [database]
        password = <password>

    and start the service with `systemctl start acme`.
''')
add("placeholder", "k8s/secret.template.yaml", '''
    apiVersion: v1
    kind: Secret
    metadata:
      name: app
    stringData:
      DB_PASSWORD: "{{ DB_PASSWORD }}"
      API_KEY: "__API_KEY__"
''')
add("placeholder", "helm/app/values.yaml", '''
    auth:
      existingSecret: ""
      password: ""
      rootPassword: ""
    redis:
      auth:
        password: ""
''')
add("placeholder", "docker-compose.override.example.yml", '''
    services:
      db:
        environment:
          POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}
          MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}
''')
add("placeholder", "ansible/group_vars/all.yml", '''
    db_password: "{{ vault_db_password }}"
    api_token: "{{ lookup('env', 'API_TOKEN') }}"
    admin_password: "{{ lookup('community.hashi_vault.hashi_vault', 'secret=secret/data/admin:password') }}"
''')
add("placeholder", "src/config.ts", '''
    export const defaults = {
      apiKey: "",
      password: "********",
      token: "<token>",
    };
''')
add("placeholder", "appsettings.Development.json", '''
    {
      "ConnectionStrings": {
        "Default": "Server=(localdb)\\\\mssqllocaldb;Database=App;Trusted_Connection=True;"
      },
      "Jwt": { "Key": "" },
      "SendGrid": { "ApiKey": "SG.your-sendgrid-api-key" }
    }
''')
add("placeholder", "php/config.sample.php", '''
    <?php
    $config['db_password'] = 'your_db_password';
    $config['encryption_key'] = '';
    $config['smtp_pass'] = 'CHANGE_ME';
''')
add("placeholder", "scripts/setup.sh", '''
    #!/bin/bash
    read -rsp "Database password: " DB_PASSWORD
    echo
    export DB_PASSWORD
    : "${API_TOKEN:?API_TOKEN must be set}"
''')
add("placeholder", "config/database.yml", '''
    default: &default
      adapter: postgresql
      username: <%= ENV["DB_USER"] %>
      password: <%= ENV["DB_PASSWORD"] %>
    production:
      <<: *default
      password: <%= Rails.application.credentials.dig(:db, :password) %>
''')
add("placeholder", "Dockerfile", '''
    FROM node:20-alpine
    ARG NPM_TOKEN
    ENV NODE_ENV=production
    RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
''')
add("placeholder", "infra/main.tf", '''
    resource "aws_db_instance" "db" {
      username = "admin"
      password = var.db_password
    }
    resource "random_password" "api" {
      length  = 32
      special = true
    }
''')
add("placeholder", ".github/workflows/ci.yml", '''
    jobs:
      test:
        runs-on: ubuntu-latest
        env:
          DATABASE_PASSWORD: ${{ secrets.DATABASE_PASSWORD }}
          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}
        steps:
          - run: npm test
''')
add("placeholder", "config/mail.ini", '''
    [smtp]
    host = smtp.example.com
    user = alerts@example.com
    password = %(SMTP_PASSWORD)s
''')
add("placeholder", "src/main/resources/logback.xml", '''
    <configuration>
      <appender name="SYSLOG" class="ch.qos.logback.classic.net.SyslogAppender">
        <syslogHost>${SYSLOG_HOST}</syslogHost>
      </appender>
      <property name="password" value="${LOG_DB_PASSWORD}"/>
    </configuration>
''')
add("placeholder", "web.config", '''
    <configuration>
      <connectionStrings>
        <add name="Default" connectionString="Server=.;Database=App;User Id=app;Password=#{DbPassword}#;" />
      </connectionStrings>
    </configuration>
''')
add("placeholder", "pipelines/azure-pipelines.yml", '''
    variables:
      - group: prod-secrets
    steps:
      - script: ./deploy.sh
        env:
          SQL_PASSWORD: $(SqlPassword)
          PAT: $(System.AccessToken)
''')
add("placeholder", "docs/api.md", '''
    ```http
    GET /v1/orders HTTP/1.1
    Host: api.example.com
    Authorization: Bearer <ACCESS_TOKEN>
    X-Api-Key: {{api_key}}
    ```
''')
add("placeholder", ".npmrc", '''
    registry=https://registry.npmjs.org/
    //registry.npmjs.org/:_authToken=${NPM_TOKEN}
''')
add("placeholder", "conf/pgbouncer.ini", '''
    [databases]
    app = host=127.0.0.1 port=5432 dbname=app
    [pgbouncer]
    auth_type = scram-sha-256
    auth_file = /etc/pgbouncer/userlist.txt
''')

# ------------------------------------------------------------ env lookups without defaults
add("env-lookup", "app/config.py", '''
    import os

    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
    DB_PASSWORD = os.getenv("DB_PASSWORD")
    STRIPE_KEY = os.environ.get("STRIPE_SECRET_KEY")
    API_TOKEN = os.getenv("API_TOKEN", None)
''')
add("env-lookup", "src/env.js", '''
    const apiKey = process.env.OPENAI_API_KEY;
    const password = process.env.DB_PASSWORD || '';
    const secret = process.env.JWT_SECRET ?? undefined;
    module.exports = { apiKey, password, secret };
''')
add("env-lookup", "cmd/server/main.go", '''
    package main

    import "os"

    var (
    	dbPassword = os.Getenv("DB_PASSWORD")
    	apiToken   = mustEnv("API_TOKEN")
    )

    func mustEnv(k string) string {
    	v := os.Getenv(k)
    	if v == "" {
    		panic(k + " is not set")
    	}
    	return v
    }
''')
add("env-lookup", "src/main/java/com/acme/Config.java", '''
    package com.acme;

    public class Config {
        public static final String DB_PASSWORD = System.getenv("DB_PASSWORD");
        public static final String API_SECRET = System.getProperty("api.secret", "");
    }
''')
add("env-lookup", "config/initializers/stripe.rb", '''
    Stripe.api_key = ENV.fetch("STRIPE_SECRET_KEY")
    Rails.configuration.stripe = {
      publishable_key: ENV["STRIPE_PUBLISHABLE_KEY"],
      secret_key: ENV["STRIPE_SECRET_KEY"]
    }
''')
add("env-lookup", "src/Program.cs", '''
    var password = Environment.GetEnvironmentVariable("SQL_PASSWORD")
        ?? throw new InvalidOperationException("SQL_PASSWORD missing");
    var apiKey = builder.Configuration["ApiKey"];
''')
add("env-lookup", "config/services.php", '''
    <?php
    return [
        'stripe' => [
            'secret' => env('STRIPE_SECRET'),
            'webhook_secret' => env('STRIPE_WEBHOOK_SECRET'),
        ],
        'mailgun' => ['secret' => env('MAILGUN_SECRET', '')],
    ];
''')
add("env-lookup", "src/main.rs", '''
    fn main() {
        let token = std::env::var("GITHUB_TOKEN").expect("GITHUB_TOKEN not set");
        let password = std::env::var("DB_PASSWORD").unwrap_or_default();
        run(&token, &password);
    }
''')
add("env-lookup", "entrypoint.sh", '''
    #!/bin/sh
    export PGPASSWORD="${DB_PASSWORD}"
    : "${SECRET_KEY:=$(head -c 32 /dev/urandom | base64)}"
    exec gunicorn app:app
''')
add("env-lookup", "deploy/compose.yml", '''
    services:
      api:
        environment:
          - DB_PASSWORD=${DB_PASSWORD}
          - JWT_SECRET
          - API_KEY=${API_KEY:-}
''')
add("env-lookup", "scripts/Deploy.ps1", '''
    $password = $env:DEPLOY_PASSWORD
    $secure = ConvertTo-SecureString $password -AsPlainText -Force
    $cred = Get-Credential -UserName "CORP\\deploy" -Message "Deploy account"
''')
add("env-lookup", "app/src/main/kotlin/Env.kt", '''
    object Env {
        val apiKey: String = System.getenv("API_KEY") ?: error("API_KEY missing")
        val password: String? = System.getenv("DB_PASSWORD")
    }
''')
add("env-lookup", "k8s/deploy.yaml", '''
    env:
      - name: DB_PASSWORD
        valueFrom:
          secretKeyRef:
            name: db-credentials
            key: password
      - name: API_TOKEN
        valueFrom:
          secretKeyRef: {name: api, key: token}
''')
add("env-lookup", "Makefile", '''
    DB_PASSWORD ?= $(shell cat /run/secrets/db_password)
    API_KEY := $(API_KEY)
    deploy:
    \t./deploy --password "$(DB_PASSWORD)"
''')
add("env-lookup", "viper.go", '''
    package config

    import "github.com/spf13/viper"

    func init() {
    	viper.SetDefault("database.password", "")
    	viper.BindEnv("database.password", "DB_PASSWORD")
    	viper.SetDefault("auth.secret", nil)
    }
''')

# ------------------------------------------------------------ hashes, lock files, digests
add("lockfile", "package-lock.json", json.dumps({"name": "web", "lockfileVersion": 3, "packages": {
    f"node_modules/{n}": {"version": v, "resolved": f"https://registry.npmjs.org/{n}/-/{n}-{v}.tgz", "integrity": "sha512-" + sha512b64()}
    for n, v in [("lodash", "4.17.21"), ("express", "4.19.2"), ("jsonwebtoken", "9.0.2"), ("bcryptjs", "2.4.3")]}}, indent=2) + "\n")
add("lockfile", "yarn.lock", "".join(f'''
{n}@^{v}:
  version "{v}"
  resolved "https://registry.yarnpkg.com/{n}/-/{n}-{v}.tgz#{sha1()}"
  integrity sha512-{sha512b64()}
''' for n, v in [("passport", "0.7.0"), ("passport-jwt", "4.0.1"), ("dotenv", "16.4.5")]))
add("lockfile", "go.sum", "".join(f"github.com/{m} v{v} h1:{base64.b64encode(secrets.token_bytes(32)).decode()}\ngithub.com/{m} v{v}/go.mod h1:{base64.b64encode(secrets.token_bytes(32)).decode()}\n"
                                  for m, v in [("golang-jwt/jwt/v5", "5.2.1"), ("spf13/viper", "1.18.2"), ("aws/aws-sdk-go-v2", "1.26.1")]))
add("lockfile", "Cargo.lock", "".join(f'''
[[package]]
name = "{n}"
version = "{v}"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "{sha256()}"
''' for n, v in [("ring", "0.17.8"), ("jsonwebtoken", "9.3.0"), ("secrecy", "0.8.0")]))
add("lockfile", "poetry.lock", "".join(f'''
[[package]]
name = "{n}"
version = "{v}"
files = [
    {{file = "{n}-{v}-py3-none-any.whl", hash = "sha256:{sha256()}"}},
    {{file = "{n}-{v}.tar.gz", hash = "sha256:{sha256()}"}},
]
''' for n, v in [("cryptography", "42.0.5"), ("pyjwt", "2.8.0"), ("keyring", "25.1.0")]))
add("lockfile", "requirements.txt", "".join(f"{n}=={v} \\\n    --hash=sha256:{sha256()} \\\n    --hash=sha256:{sha256()}\n" for n, v in [("boto3", "1.34.84"), ("python-dotenv", "1.0.1")]))
add("lockfile", ".terraform.lock.hcl", f'''
    provider "registry.terraform.io/hashicorp/aws" {{
      version     = "5.46.0"
      constraints = "~> 5.0"
      hashes = [
        "h1:{base64.b64encode(secrets.token_bytes(32)).decode()}",
        "zh:{sha256()}",
        "zh:{sha256()}",
      ]
    }}
''')
add("lockfile", "composer.lock", json.dumps({"packages": [{"name": "firebase/php-jwt", "version": "v6.10.0",
    "dist": {"type": "zip", "url": "https://api.github.com/repos/firebase/php-jwt/zipball/" + sha1(), "reference": sha1(), "shasum": ""}}],
    "content-hash": hx(32)}, indent=4) + "\n")
add("lockfile", "Gemfile.lock", '''
    GEM
      remote: https://rubygems.org/
      specs:
        devise (4.9.4)
          bcrypt (~> 3.0)
        jwt (2.8.1)

    CHECKSUMS
      devise (4.9.4) sha256=%s
      jwt (2.8.1) sha256=%s
''' % (sha256(), sha256()))
add("lockfile", "k8s/kustomization.yaml", f'''
    images:
      - name: acme/api
        digest: sha256:{sha256()}
      - name: acme/worker
        newTag: "1.4.2@sha256:{sha256()}"
''')
add("lockfile", "flake.lock", json.dumps({"nodes": {"nixpkgs": {"locked": {"lastModified": 1717000000, "narHash": "sha256-" + base64.b64encode(secrets.token_bytes(32)).decode(),
                                                                          "owner": "NixOS", "repo": "nixpkgs", "rev": sha1(), "type": "github"}}}, "version": 7}, indent=2) + "\n")
add("lockfile", "checksums.txt", "".join(f"{sha256()}  acme_{v}_{o}.tar.gz\n" for v in ["1.2.0"] for o in ["linux_amd64", "linux_arm64", "darwin_arm64", "windows_amd64"]))
add("lockfile", "pnpm-lock.yaml", f'''
    lockfileVersion: '9.0'
    packages:
      jose@5.2.4:
        resolution: {{integrity: sha512-{sha512b64()}}}
      oauth4webapi@2.10.4:
        resolution: {{integrity: sha512-{sha512b64()}}}
''')
add("lockfile", "gradle/verification-metadata.xml", f'''
    <verification-metadata>
      <components>
        <component group="io.jsonwebtoken" name="jjwt-api" version="0.12.5">
          <artifact name="jjwt-api-0.12.5.jar">
            <sha256 value="{sha256()}" origin="Generated by Gradle"/>
          </artifact>
        </component>
      </components>
    </verification-metadata>
''')
add("lockfile", "packages.lock.json", json.dumps({"version": 1, "dependencies": {"net8.0": {"System.IdentityModel.Tokens.Jwt": {
    "type": "Direct", "requested": "[7.5.1, )", "resolved": "7.5.1", "contentHash": sha512b64()}}}}, indent=2) + "\n")

# ------------------------------------------------------------ UUIDs and identifiers
add("uuid-id", "src/App/App.csproj", f'''
    <Project Sdk="Microsoft.NET.Sdk.Web">
      <PropertyGroup>
        <TargetFramework>net8.0</TargetFramework>
        <UserSecretsId>{uid()}</UserSecretsId>
        <ProjectGuid>{{{uid().upper()}}}</ProjectGuid>
      </PropertyGroup>
    </Project>
''')
add("uuid-id", "App.sln", f'''
    Microsoft Visual Studio Solution File, Format Version 12.00
    Project("{{{uid().upper()}}}") = "App", "src\\App\\App.csproj", "{{{uid().upper()}}}"
    EndProject
''')
add("uuid-id", "migrations/0003_seed.sql", "".join(f"INSERT INTO tenants (id, name, api_key_id) VALUES ('{uid()}', 'tenant{i}', '{uid()}');\n" for i in range(4)))
add("uuid-id", "azure/main.bicep", f'''
    param tenantId string = '{uid()}'
    param clientId string = '{uid()}'
    var roleDefinitionId = '{uid()}'
''')
add("uuid-id", "src/analytics.js", f'''
    gtag('config', 'G-{rnd(UP+DIG,10)}');
    const requestId = '{uid()}';
    const sessionKey = 'sess_' + Date.now();
''')
add("uuid-id", "terraform/azure.tf", f'''
    provider "azurerm" {{
      features {{}}
      subscription_id = "{uid()}"
      tenant_id       = "{uid()}"
      client_id       = "{uid()}"
    }}
''')
add("uuid-id", "google-services.json", json.dumps({"project_info": {"project_number": rnd(DIG, 12), "project_id": "acme-app"},
    "client": [{"client_info": {"mobilesdk_app_id": f"1:{rnd(DIG,12)}:android:{hx(16)}", "android_client_info": {"package_name": "com.acme.app"}},
                "oauth_client": [{"client_id": f"{rnd(DIG,12)}-{rnd(LOW+DIG,32)}.apps.googleusercontent.com", "client_type": 3}]}]}, indent=2) + "\n",
    note="no api_key entry on purpose")
add("uuid-id", "fixtures/users.json", json.dumps([{"id": uid(), "email": f"user{i}@example.com", "password_reset_token_id": uid(), "last_login_ip": "10.0.0.%d" % i} for i in range(3)], indent=2) + "\n")

# ------------------------------------------------------------ test vectors / crypto constants
add("test-vector", "crypto/hmac_vectors.py", '''
    # RFC 4231 test case 2
    RFC4231_KEY = b"Jefe"
    RFC4231_DATA = b"what do ya want for nothing?"
    RFC4231_SHA256 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
''')
add("test-vector", "src/hash.rs", '''
    // SHA-256("abc") from FIPS 180-2
    pub const ABC_SHA256: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    pub const EMPTY_SHA1: &str = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
''')
add("test-vector", "pkg/aes/vectors.go", '''
    package aes

    // FIPS-197 Appendix C.1
    var fips197Key = "000102030405060708090a0b0c0d0e0f"
    var fips197Plain = "00112233445566778899aabbccddeeff"
    var fips197Cipher = "69c4e0d86a7b0430d8cdb78070b4c55a"
''')
add("test-vector", "lib/crc.c", '''
    static const uint32_t crc32_table[8] = {
        0x00000000, 0x77073096, 0xEE0E612C, 0x990951BA,
        0x076DC419, 0x706AF48F, 0xE963A535, 0x9E6495A3,
    };
''')
add("test-vector", "src/otp.ts", '''
    // RFC 6238 Appendix B test secret (ASCII "12345678901234567890")
    export const RFC6238_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    export const expected = { 59: "94287082", 1111111109: "07081804" };
''')
add("test-vector", "crypto/ed25519_test_vectors.json", '''
    [
      {"comment": "RFC 8032 TEST 1",
       "public": "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
       "message": "",
       "signature": "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"}
    ]
''')
add("test-vector", "src/main/java/com/acme/Magic.java", '''
    public final class Magic {
        public static final long FNV_OFFSET = 0xcbf29ce484222325L;
        public static final String BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        public static final String GOLDEN = "9e3779b97f4a7c15f39cc0605cedc834";
    }
''')
add("test-vector", "src/md5.py", '''
    KNOWN = {
        "": "d41d8cd98f00b204e9800998ecf8427e",
        "a": "0cc175b9c0f1b6a831c399e269772661",
        "password": "5f4dcc3b5aa765d61d8327deb882cf99",
    }
''')

# ------------------------------------------------------------ documentation examples
add("docs-example", "docs/aws.md", '''
    ```ini
    [default]
    aws_access_key_id = AKIAIOSFODNN7EXAMPLE
    aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
    ```
''')
add("docs-example", "docs/jwt.md", '''
    A token looks like this (from RFC 7519, section 3.1):

        eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk
''')
add("docs-example", "docs/oauth.md", '''
    Example response (RFC 6749 section 4.1.4):

    ```json
    {
      "access_token": "2YotnFZFEjr1zCsicMWpAA",
      "token_type": "example",
      "expires_in": 3600,
      "refresh_token": "tGzv3JOkF0XG5Qx2TlKWIA"
    }
    ```
''')
add("docs-example", "docs/basic-auth.md", '''
    RFC 7617 example: user `Aladdin`, password `open sesame`:

        Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==
''')
add("docs-example", "docs/stripe.md", '''
    Use your test key, e.g. `sk_test_4eC39HqLyjWDarjtT1zdp7dc`, which Stripe publishes in its docs.
    The publishable key goes in the browser: `pk_live_` keys are safe to expose.
''')
add("docs-example", "docs/connection.md", '''
    The URI format is `postgresql://[user[:password]@][host][:port][/dbname]`, e.g.
    `postgresql://user:secret@localhost` or `mysql://username:password@hostname/db`.
''')
add("docs-example", "docs/slack.md", '''
    Bot tokens start with `xoxb-`, user tokens with `xoxp-`; webhook URLs look like
    `https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX`.
''')
add("docs-example", "docs/ssh.md", '''
    Add the public key to `~/.ssh/authorized_keys`:

        ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@example.com
''')
add("docs-example", "docs/azure.md", '''
    Connection strings have this shape:
    `DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=<key>;EndpointSuffix=core.windows.net`
    For the emulator: `UseDevelopmentStorage=true`.
''')
add("docs-example", "src/jwt_example.py", '''
    # The example token from jwt.io
    EXAMPLE = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
               "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
               "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")
''')

# ------------------------------------------------------------ i18n, UI, password policy
add("i18n-policy", "locales/en.json", '''
    {
      "login.password": "Password",
      "login.forgot": "Forgot your password?",
      "signup.password_hint": "Your password must contain at least 12 characters, one number and one symbol",
      "settings.api_key": "API key",
      "settings.api_key_help": "Generate a new API key in Settings → Tokens",
      "errors.invalid_token": "The token is invalid or has expired"
    }
''')
add("i18n-policy", "config/locales/de.yml", '''
    de:
      devise:
        passwords:
          send_instructions: "Sie erhalten in wenigen Minuten eine E-Mail mit der Anleitung, wie Sie Ihr Passwort zurücksetzen können."
          updated: "Ihr Passwort wurde geändert."
        password_too_short: "Passwort ist zu kurz"
''')
add("i18n-policy", "src/main/resources/messages.properties", '''
    password.required=Password is required
    password.mismatch=Passwords do not match
    token.expired=Your session token has expired, please sign in again
    secret.rotate.confirm=Rotate the client secret now?
''')
add("i18n-policy", "app/validators/password_policy.py", '''
    import re

    PASSWORD_MIN_LENGTH = 12
    PASSWORD_REGEX = re.compile(r"^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d)(?=.*[!@#$%^&*]).{12,}$")
    COMMON_PASSWORDS = {"password", "123456", "qwerty", "letmein", "Password1!"}


    def validate(password: str) -> bool:
        return bool(PASSWORD_REGEX.match(password)) and password not in COMMON_PASSWORDS
''')
add("i18n-policy", "src/components/LoginForm.tsx", '''
    export function LoginForm() {
      return (
        <form method="post">
          <label htmlFor="password">Password</label>
          <input id="password" type="password" name="password" autoComplete="current-password" placeholder="Enter your password" />
          <input type="hidden" name="csrf_token" value={csrfToken} />
        </form>
      );
    }
''')
add("i18n-policy", "templates/login.html", '''
    <form action="/login" method="post">
      <input type="text" name="username" placeholder="Username">
      <input type="password" name="password" placeholder="Password" required minlength="12">
      <input type="hidden" name="authenticity_token" value="{{ csrf_token }}">
    </form>
''')
add("i18n-policy", "src/auth/hash.go", '''
    package auth

    import "golang.org/x/crypto/bcrypt"

    const passwordCost = 12

    func HashPassword(password string) (string, error) {
    	b, err := bcrypt.GenerateFromPassword([]byte(password), passwordCost)
    	return string(b), err
    }
''')
add("i18n-policy", "lib/pwgen.js", '''
    const CHARSET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!@#$%';
    function generatePassword(len = 16) {
      let password = '';
      for (let i = 0; i < len; i++) password += CHARSET[crypto.randomInt(CHARSET.length)];
      return password;
    }
''')
add("i18n-policy", "db/schema.sql", '''
    CREATE TABLE users (
      id BIGSERIAL PRIMARY KEY,
      email TEXT NOT NULL UNIQUE,
      password_hash VARCHAR(255) NOT NULL,
      api_key_digest CHAR(64),
      reset_password_token VARCHAR(128)
    );
''')
add("i18n-policy", "src/Resources/Strings.resx", '''
    <root>
      <data name="PasswordLabel" xml:space="preserve"><value>Password</value></data>
      <data name="SecretKeyHint" xml:space="preserve"><value>Paste your secret key here</value></data>
    </root>
''')
add("i18n-policy", "app/forms.py", '''
    from django import forms


    class SignupForm(forms.Form):
        password = forms.CharField(widget=forms.PasswordInput, min_length=12)
        password_confirm = forms.CharField(widget=forms.PasswordInput, label="Confirm password")
''')
add("i18n-policy", "locales/fr.po", '''
    msgid "Password"
    msgstr "Mot de passe"

    msgid "Your API token"
    msgstr "Votre jeton d'API"
''', enc="utf-8")

# ------------------------------------------------------------ assets
PNG = base64.b64encode(bytes([0x89]) + b"PNG\r\n\x1a\n" + secrets.token_bytes(300)).decode()
WOFF = base64.b64encode(b"wOF2" + secrets.token_bytes(240)).decode()
JPG = base64.b64encode(bytes([0xff, 0xd8, 0xff, 0xe0]) + secrets.token_bytes(200)).decode()
add("asset", "public/index.html", f'''
    <!doctype html>
    <html><head>
    <link rel="stylesheet" href="/static/css/main.{hx(8)}.css">
    <script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/js/bootstrap.bundle.min.js" integrity="sha384-{base64.b64encode(secrets.token_bytes(48)).decode()}" crossorigin="anonymous"></script>
    </head><body><div id="root"></div><script src="/static/js/main.{hx(8)}.js"></script></body></html>
''')
add("asset", "src/logo.js", f'''
    export const logo = "data:image/png;base64,{PNG}";
''')
add("asset", "styles/fonts.css", f'''
    @font-face {{
      font-family: "Inter";
      src: url(data:font/woff2;base64,{WOFF}) format("woff2");
    }}
''')
add("asset", "build/asset-manifest.json", json.dumps({"files": {f"static/js/{n}.{hx(8)}.chunk.js": f"/static/js/{n}.{hx(8)}.chunk.js" for n in ["main", "vendor", "runtime"]},
                                                     "entrypoints": ["static/js/runtime." + hx(8) + ".js"]}, indent=2) + "\n")
add("asset", "webpack-stats.json", json.dumps({"hash": hx(20), "chunks": [{"id": i, "hash": hx(20), "files": [f"{i}.{hx(20)}.js"]} for i in range(3)]}, indent=2) + "\n")
add("asset", "assets/icons.svg", f'''
    <svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/jpeg;base64,{JPG}"/></svg>
''')
add("asset", "public/sw.js", "self.__WB_MANIFEST=[" + ",".join(f'{{"revision":"{hx(32)}","url":"/static/{n}"}}' for n in ["app.js", "app.css", "index.html", "logo.png"]) + "];\n")
add("asset", ".github/workflows/cache.yml", '''
    steps:
      - uses: actions/cache@v4
        with:
          path: ~/.npm
          key: ${{ runner.os }}-node-${{ hashFiles('**/package-lock.json') }}
      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11 # v4.1.1
''')

# ------------------------------------------------------------ generated code
add("generated", "gen/auth_pb2.py", f'''
    # -*- coding: utf-8 -*-
    # Generated by the protocol buffer compiler.  DO NOT EDIT!
    from google.protobuf import descriptor_pool as _descriptor_pool
    DESCRIPTOR = _descriptor_pool.Default().AddSerializedFile(b'\\n\\nauth.proto\\x12\\x04auth\\"3\\n\\x0cLoginRequest\\x12\\x10\\n\\x08username\\x18\\x01 \\x01(\\t\\x12\\x10\\n\\x08password\\x18\\x02 \\x01(\\t\\"\\x1e\\n\\rLoginResponse\\x12\\r\\n\\x05token\\x18\\x01 \\x01(\\tb\\x06proto3')
''')
add("generated", "src/gql/graphql.ts", '''
    /* eslint-disable */
    // Generated by graphql-codegen
    export type LoginMutationVariables = Exact<{
      email: Scalars['String']['input'];
      password: Scalars['String']['input'];
    }>;
    export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"}}]} as unknown as DocumentNode;
''')
add("generated", "db/migrations/20240501120000_add_api_keys.rb", '''
    class AddApiKeys < ActiveRecord::Migration[7.1]
      def change
        create_table :api_keys do |t|
          t.string :token_digest, null: false
          t.string :secret_prefix, limit: 8
          t.timestamps
        end
        add_index :api_keys, :token_digest, unique: true
      end
    end
''')
add("generated", "src/openapi/models/Credentials.java", '''
    /*
     * Generated by OpenAPI Generator. Do not edit.
     */
    package com.acme.openapi.models;

    public class Credentials {
      public static final String SERIALIZED_NAME_PASSWORD = "password";
      public static final String SERIALIZED_NAME_API_KEY = "api_key";
      private String password;
      private String apiKey;
    }
''')
add("generated", "zz_generated.deepcopy.go", '''
    // Code generated by controller-gen. DO NOT EDIT.

    package v1

    func (in *SecretRef) DeepCopyInto(out *SecretRef) {
    	*out = *in
    	out.PasswordSecretRef = in.PasswordSecretRef
    }
''')
add("generated", "Resources.Designer.cs", '''
    // <auto-generated />
    namespace App.Properties {
        internal class Resources {
            internal static string ConnectionStringName => ResourceManager.GetString("ConnectionStringName", resourceCulture);
            internal static string PasswordPrompt => ResourceManager.GetString("PasswordPrompt", resourceCulture);
        }
    }
''')

# ------------------------------------------------------------ secret references / encrypted values
add("secret-ref", "config/vault.hcl", '''
    path "secret/data/app/*" {
      capabilities = ["read"]
    }
    template {
      contents = "{{ with secret \\"secret/data/app/db\\" }}{{ .Data.data.password }}{{ end }}"
      destination = "/etc/app/db.password"
    }
''')
add("secret-ref", "serverless.yml", '''
    provider:
      environment:
        DB_PASSWORD: ${ssm:/prod/db/password}
        STRIPE_KEY: ${env:STRIPE_KEY}
        API_SECRET: ${file(./secrets.${sls:stage}.yml):apiSecret}
''')
add("secret-ref", "k8s/sealed-secret.yaml", f'''
    apiVersion: bitnami.com/v1alpha1
    kind: SealedSecret
    metadata:
      name: db
    spec:
      encryptedData:
        password: AgB{rnd(ALNUM + "+/", 400)}==
''', note="sealed-secrets ciphertext: safe to commit by design")
add("secret-ref", "secrets/prod.enc.yaml", f'''
    db_password: ENC[AES256_GCM,data:{b64(18)},iv:{b64(32)},tag:{b64(16)},type:str]
    sops:
        kms:
        -   arn: arn:aws:kms:eu-west-1:123456789012:key/{uid()}
            enc: {b64(150)}
        lastmodified: "2024-05-01T10:00:00Z"
        mac: ENC[AES256_GCM,data:{b64(48)},iv:{b64(32)},tag:{b64(16)},type:str]
        version: 3.8.1
''', note="SOPS ciphertext")
add("secret-ref", "group_vars/prod/vault.yml", "$ANSIBLE_VAULT;1.1;AES256\n" + "\n".join(hx(80) for _ in range(6)) + "\n", note="ansible-vault ciphertext")
add("secret-ref", "external-secret.yaml", '''
    apiVersion: external-secrets.io/v1beta1
    kind: ExternalSecret
    spec:
      secretStoreRef: {name: aws, kind: ClusterSecretStore}
      data:
        - secretKey: password
          remoteRef: {key: prod/db, property: password}
''')
add("secret-ref", "src/secrets.py", '''
    import boto3

    SECRET_NAME = "prod/payments/stripe-secret-key"
    PASSWORD_PARAM = "/prod/db/password"

    def get_secret():
        return boto3.client("secretsmanager").get_secret_value(SecretId=SECRET_NAME)["SecretString"]
''')
add("secret-ref", "app/settings.py", '''
    SECRET_KEY_ENV_VAR = "DJANGO_SECRET_KEY"
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]
    SESSION_COOKIE_NAME = "sessionid"
    CSRF_HEADER_NAME = "HTTP_X_CSRFTOKEN"
''')
add("secret-ref", "config/credentials.yml.enc", b64(300, pad=False) + "--" + b64(12) + "--" + b64(16) + "\n", note="Rails encrypted credentials")
add("secret-ref", "application.yml", '''
    spring:
      datasource:
        password: ${DB_PASSWORD}
      security:
        oauth2:
          client:
            registration:
              github:
                client-secret: ${GITHUB_CLIENT_SECRET:}
    jasypt:
      encryptor:
        password: ${JASYPT_PASSWORD}
''')
add("secret-ref", "docker-compose.secrets.yml", '''
    services:
      db:
        environment:
          POSTGRES_PASSWORD_FILE: /run/secrets/db_password
        secrets: [db_password]
    secrets:
      db_password:
        file: ./secrets/db_password.txt
''')
add("secret-ref", "cloudformation.yaml", '''
    Resources:
      DB:
        Type: AWS::RDS::DBInstance
        Properties:
          MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'
          MasterUsername: '{{resolve:ssm:/prod/db/user}}'
''')

# ------------------------------------------------------------ public keys / certs
add("public-key", "certs/ca.pem", subprocess.run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout /dev/null -subj /CN=acme-ca -days 30 2>/dev/null",
                                                 shell=True, capture_output=True, text=True).stdout)
add("public-key", "keys/jwt_public.pem", subprocess.run("openssl ecparam -name prime256v1 -genkey -noout | openssl ec -pubout 2>/dev/null",
                                                        shell=True, capture_output=True, text=True).stdout)
add("public-key", "deploy/authorized_keys", "\n".join(f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{rnd(ALNUM + '+/', 43)} ops{i}@acme" for i in range(3)) + "\n")
add("public-key", "jwks.json", json.dumps({"keys": [{"kty": "RSA", "use": "sig", "kid": hx(16), "alg": "RS256", "e": "AQAB",
                                                    "n": base64.urlsafe_b64encode(secrets.token_bytes(256)).decode().rstrip("=")}]}, indent=2) + "\n")

# ------------------------------------------------------------ misc near-misses
add("misc", "CHANGELOG.md", f'''
    ## 2.3.0
    - Rotate the API key on startup ({sha1()[:7]})
    - Fix password reset token expiry (#412, {sha1()})
    - Bump jsonwebtoken to 9.0.2
''')
add("misc", "web/src/stripe.js", f'''
    import {{ loadStripe }} from '@stripe/stripe-js';
    export const stripePromise = loadStripe('pk_live_51{alnum(97)}');
''', note="publishable key: public by design")
add("misc", "src/hash_password.py", '''
    from passlib.hash import bcrypt

    # stored hash of the built-in demo account, checked at startup
    DEMO_HASH = "$2b$12$4Cd.tUz6BnjRwbn0lrhXOuR4HcTTNbqzjEu3HrBWQGmIHRRNKsaYO"
''', note="password hash: reported only at low by design (README)")
add("misc", "scripts/keys.sh", '''
    #!/bin/sh
    openssl rand -hex 32 > secret.key
    export SECRET_KEY_FILE=$(pwd)/secret.key
    ssh-keygen -t ed25519 -f deploy_key -N ""
''')
add("misc", "src/constants.ts", '''
    export const TOKEN_HEADER = "X-Auth-Token";
    export const API_KEY_PARAM = "api_key";
    export const PASSWORD_FIELD = "password";
    export const SECRET_PREFIX = "sk_live_";
    export const BEARER = "Bearer ";
''')
add("misc", "src/cache.go", f'''
    package cache

    // cacheKey is the sha256 of the request path, not a secret.
    const emptyKey = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    const buildCommit = "{sha1()}"
''')
add("misc", "db/seed_dev.sql", f'''
    -- development fixtures
    INSERT INTO users (email, password_hash) VALUES
      ('admin@example.com', '$argon2id$v=19$m=65536,t=3,p=4${b64(16, pad=False)}${b64(32, pad=False)}');
''', note="password hash")
add("misc", "src/feature_flags.json", json.dumps({"flags": [{"key": "new-checkout", "id": hx(24), "salt": hx(32), "version": 12}],
                                                 "sdkKey": "client-side-id"}, indent=2) + "\n")
add("misc", "Podfile.lock", f'''
    SPEC CHECKSUMS:
      Alamofire: {sha1()}
      KeychainAccess: {sha1()}

    PODFILE CHECKSUM: {sha1()}

    COCOAPODS: 1.15.2
''')
add("misc", "src/regex.py", '''
    import re
    AWS_KEY_RE = re.compile(r"AKIA[0-9A-Z]{16}")
    GITHUB_TOKEN_RE = re.compile(r"ghp_[A-Za-z0-9]{36}")
    SLACK_RE = re.compile(r"xox[baprs]-[0-9A-Za-z-]{10,48}")
''')
add("misc", "logs/sample.log", f'''
    2024-05-01T10:00:00Z INFO request_id={uid()} user_id=4821 trace_id={hx(32)} span_id={hx(16)}
    2024-05-01T10:00:01Z INFO login ok session=*** (redacted)
''')
add("misc", "src/main/resources/application.yml", '''
    management:
      endpoints.web.exposure.include: health,info
    server:
      ssl:
        key-store: classpath:keystore.p12
        key-store-password: ${KEYSTORE_PASSWORD}
        key-alias: tomcat
''')
add("misc", "ansible/roles/db/tasks/main.yml", '''
    - name: Create application user
      community.postgresql.postgresql_user:
        name: app
        password: "{{ app_db_password }}"
        no_log: true
''')
add("misc", "charts/app/templates/secret.yaml", '''
    apiVersion: v1
    kind: Secret
    data:
      password: {{ .Values.password | b64enc | quote }}
      api-key: {{ randAlphaNum 32 | b64enc }}
''')
add("misc", "tests_data/hashes.csv", "path,sha256\n" + "".join(f"src/file{i}.py,{sha256()}\n" for i in range(8)))
add("misc", "notebooks/eda.ipynb", json.dumps({"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
    "source": ["import os\n", "api_key = os.environ[\"OPENAI_API_KEY\"]\n", "password = getpass.getpass()\n"]}],
    "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n")
add("misc", "legacy/config.ini", '''
    [auth]
    ; password is read from the keyring
    password_source = keyring
    token_ttl = 3600
    secret_backend = vault
''', enc="latin-1", crlf=True)
add("misc", "dist/vendor.min.js", '!function(e){var t={};function n(r){if(t[r])return t[r].exports;var o=t[r]={i:r,l:!1,exports:{}};return e[r].call(o.exports,o,o.exports,n),o.l=!0,o.exports}n.p="/",n.h="' + hx(20) + '",n(n.s=0)}([function(e,t){e.exports={password:"",apiKey:void 0,token:null}}]);\n')

# ------------------------------------------------------------ secret-named settings holding non-secrets (added after first run, same kind of values real code has)
NN = [
 ("py", "aws/emr.py", 'client_request_token = "%s"\nresponse = client.start_job_run(applicationId=app_id, clientToken=client_request_token)\n' % uid()),
 ("py", "web/views.py", 'csrf_token = "{{ csrf_token }}"\npage_token = "CAEQAA"\nnext_token = "eyJvZmZzZXQiOjEwMH0="\n'),
 ("py", "auth/oauth.py", 'TOKEN_TYPE_JWT = "urn:ietf:params:oauth:token-type:jwt"\nTOKEN_URL = "https://oauth2.googleapis.com/token"\naccess_token_ttl = "15m"\n'),
 ("js", "e2e/login.page.js", "const passwordSelector = '#password';\nconst tokenInput = 'input[name=\"token\"]';\nawait page.fill(passwordSelector, process.env.E2E_PASSWORD);\n"),
 ("tf", "iam.tf", 'data "aws_secretsmanager_secret" "db" {\n  arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-password-AbC12d"\n}\nlocals {\n  kms_key_id = "arn:aws:kms:eu-west-1:123456789012:key/%s"\n}\n' % uid()),
 ("yaml", "azure/keyvault.yaml", 'keyVault:\n  uri: https://acme-prod-kv.vault.azure.net/\n  secretName: sql-admin-password\n  secretVersion: %s\n' % hx(32)),
 ("py", "crypto/keys.py", 'from cryptography.fernet import Fernet\nimport secrets\n\nSECRET_KEY = secrets.token_hex(32)\nencryption_key = Fernet.generate_key()\nsigning_key_path = "/etc/acme/keys/signing.pem"\n'),
 ("py", "app/deps.py", 'api_key = settings.API_KEY\nauth_token = request.headers.get("X-Auth-Token")\npassword = form.cleaned_data["password"]\n'),
 ("py", "ml/config.py", 'tokenizer = "bert-base-uncased"\nmax_tokens = 4096\ntoken_budget = 128000\npassword_hash_algorithm = "argon2id"\n'),
 ("go", "gcp/secrets.go", 'package gcp\n\nconst secretVersion = "projects/acme-prod/secrets/db-password/versions/latest"\nconst vaultTokenPath = "/var/run/secrets/vault-token"\n'),
 ("json", "keymap.json", '[\n  {"key": "ctrl+shift+k", "command": "editor.action.deleteLines"},\n  {"key": "cmd+alt+p", "command": "workbench.action.showCommands"}\n]\n'),
 ("yaml", "k8s/placeholder-secret.yaml", 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n  password: Y2hhbmdlbWU=\n  api-key: UkVQTEFDRV9NRQ==\n'),
 ("java", "src/main/java/com/acme/Headers.java", 'public final class Headers {\n    public static final String API_KEY_HEADER = "X-Api-Key";\n    public static final String TOKEN_PREFIX = "Bearer ";\n    public static final String PASSWORD_PARAM = "j_password";\n}\n'),
 ("cs", "Options/JwtOptions.cs", 'public class JwtOptions\n{\n    public const string SectionName = "Jwt";\n    public string Issuer { get; set; } = "https://auth.acme.io";\n    public string SigningKeyName { get; set; } = "jwt-signing-key";\n}\n'),
 ("rb", "app/models/user.rb", 'class User < ApplicationRecord\n  has_secure_password\n  has_secure_token :api_token\n  PASSWORD_FORMAT = /\\A(?=.{12,})(?=.*\\d)(?=.*[a-z])(?=.*[A-Z])/x\nend\n'),
 ("php", "config/auth.php", "<?php\nreturn [\n    'passwords' => ['users' => ['provider' => 'users', 'table' => 'password_reset_tokens', 'expire' => 60]],\n    'password_timeout' => 10800,\n];\n"),
 ("sh", "scripts/rotate.sh", '#!/bin/bash\nNEW_PASSWORD=$(openssl rand -base64 24)\naws secretsmanager put-secret-value --secret-id prod/db --secret-string "$NEW_PASSWORD"\nTOKEN=$(curl -s -X POST "$AUTH_URL" | jq -r .access_token)\n'),
 ("ps1", "scripts/Get-Creds.ps1", '$password = Read-Host -AsSecureString "Password"\n$token = (Get-AzAccessToken).Token\n$secret = Get-Secret -Name "SqlAdmin" -Vault "AcmeVault"\n'),
 ("yaml", ".github/workflows/release.yml", 'jobs:\n  release:\n    permissions:\n      id-token: write\n      contents: write\n    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n        with:\n          password: ${{ secrets.PYPI_API_TOKEN }}\n'),
 ("ini", "tox.ini", '[testenv]\npassenv = DB_PASSWORD, API_TOKEN\nsetenv =\n    SECRET_KEY = test-secret-key-not-used\n'),
 ("properties", "gradle.properties", 'org.gradle.jvmargs=-Xmx2g\nsigning.keyId=24875D73\nsigning.secretKeyRingFile=/home/ci/.gnupg/secring.gpg\nossrhUsername=\nossrhPassword=\n'),
 ("xml", "pom.xml", '<settings>\n  <servers>\n    <server>\n      <id>ossrh</id>\n      <username>${env.OSSRH_USERNAME}</username>\n      <password>${env.OSSRH_PASSWORD}</password>\n    </server>\n  </servers>\n</settings>\n'),
 ("toml", "Cargo.toml", '[package]\nname = "secret-service"\nversion = "0.4.1"\n\n[dependencies]\nsecrecy = "0.8"\nkeyring = { version = "2", features = ["apple-native"] }\n'),
 ("env", "compose/.env", 'COMPOSE_PROJECT_NAME=acme\nPOSTGRES_PASSWORD_FILE=/run/secrets/pg\nSECRET_BACKEND=vault\nTOKEN_TTL=3600\n'),
 ("ts", "src/errors.ts", 'export const INVALID_PASSWORD = "invalid_password";\nexport const TOKEN_EXPIRED = "token_expired";\nexport const MISSING_API_KEY = "missing_api_key";\n'),
 ("py", "tests_support/factories.py", 'import factory\n\nclass UserFactory(factory.Factory):\n    password = factory.Faker("password", length=16)\n    api_key = factory.LazyFunction(lambda: secrets.token_urlsafe(32))\n'),
 ("kt", "app/src/main/kotlin/Prefs.kt", 'object Prefs {\n    const val KEY_AUTH_TOKEN = "auth_token"\n    const val KEY_PASSWORD = "pref_password"\n    const val KEY_REFRESH_TOKEN = "refresh_token"\n}\n'),
 ("yaml", "openapi.yaml", 'components:\n  securitySchemes:\n    ApiKeyAuth:\n      type: apiKey\n      in: header\n      name: X-API-Key\n    bearerAuth:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\n'),
 ("sql", "db/grants.sql", "-- password is set by the provisioning job from Vault\nCREATE ROLE reporting LOGIN;\nALTER ROLE reporting SET statement_timeout = '30s';\n"),
 ("json", "package.json", '{\n  "name": "@acme/auth-tokens",\n  "version": "2.1.0",\n  "dependencies": {"jsonwebtoken": "^9.0.2", "bcrypt": "^5.1.1"},\n  "publishConfig": {"access": "public"}\n}\n'),
]
for ext, path, body in NN:
    add("secret-named-nonsecret", path, body)


def write():
    if os.path.exists(OUT):
        shutil.rmtree(OUT)
    man = []
    for n, c in enumerate(CASES, 1):
        p = os.path.join(OUT, f"n{n:03d}", c["path"])
        os.makedirs(os.path.dirname(p), exist_ok=True)
        text = c["text"]
        if c["crlf"]:
            text = text.replace("\n", "\r\n")
        with open(p, "wb") as f:
            f.write(text.encode(c["enc"]))
        man.append(dict(id=f"n{n:03d}", file=os.path.relpath(p, OUT), kind=c["kind"], note=c["note"]))
    json.dump(man, open(os.path.join(os.path.dirname(OUT), "manifest_precision.json"), "w"), indent=1)
    from collections import Counter
    print(len(man), Counter(m["kind"] for m in man))


if __name__ == "__main__":
    import subprocess
    write()
