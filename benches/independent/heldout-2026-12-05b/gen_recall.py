"""Generate the held-out recall cases under recall/ and manifest_recall.json.
One directory per case (cNNN/), one planted credential per case."""
import json, os, shutil, sys, textwrap
from lib import *

OUT = os.environ.get("R17_OUT") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "recall")
CASES = []


def add(fam, path, text, secret, locate=None, accept=None, enc="utf-8", crlf=False, bom=False, note=""):
    text = textwrap.dedent(text).lstrip("\n")
    CASES.append(dict(fam=fam, path=path, text=text, secret=secret, locate=locate or secret.splitlines()[0],
                      accept=accept or [secret], enc=enc, crlf=crlf, bom=bom, note=note))


# ---------------------------------------------------------------- A: env-lookup defaults
s = pw(18)
add("A-env-default", "backend/settings/base.py", f'''
    import os
    from pathlib import Path

    BASE_DIR = Path(__file__).resolve().parent.parent.parent

    DATABASES = {{
        "default": {{
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.getenv("DATABASE_NAME", "orders"),
            "USER": os.getenv("DATABASE_USER", "orders_app"),
            "PASSWORD": os.getenv("DATABASE_PASSWORD", "{s}"),
            "HOST": os.getenv("DATABASE_HOST", "localhost"),
            "PORT": int(os.getenv("DATABASE_PORT", "5432")),
        }}
    }}
''', s)
s = django_key()
add("A-env-default", "mysite/mysite/settings.py", f'''
    """Django settings for mysite project."""
    import os

    # SECURITY WARNING: keep the secret key used in production secret!
    SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '{s}')

    DEBUG = os.environ.get('DJANGO_DEBUG', '') == '1'
    ALLOWED_HOSTS = os.environ.get('DJANGO_ALLOWED_HOSTS', 'localhost').split(',')
''', s)
s = hx(64)
add("A-env-default", "api/app/__init__.py", f'''
    from flask import Flask
    from flask_jwt_extended import JWTManager
    import os


    def create_app():
        app = Flask(__name__)
        app.config["JWT_SECRET_KEY"] = os.environ.get("JWT_SECRET_KEY") or "{s}"
        app.config["JWT_ACCESS_TOKEN_EXPIRES"] = 3600
        JWTManager(app)
        return app
''', s)
s = pw(20)
add("A-env-default", "worker/config.py", f'''
    from pydantic import Field
    from pydantic_settings import BaseSettings


    class Settings(BaseSettings):
        redis_host: str = Field(default="redis", env="REDIS_HOST")
        redis_port: int = Field(default=6379, env="REDIS_PORT")
        redis_password: str = Field(default="{s}", env="REDIS_PASSWORD")
        queue_name: str = "ingest"


    settings = Settings()
''', s)
s = b64(32)
add("A-env-default", "services/webhooks/src/verify.js", f'''
    'use strict';
    const crypto = require('crypto');

    const apiSecret = process.env.WEBHOOK_SIGNING_SECRET || '{s}';

    function verify(req) {{
      const sig = req.get('X-Signature');
      const mac = crypto.createHmac('sha256', apiSecret).update(req.rawBody).digest('hex');
      return crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(mac));
    }}

    module.exports = {{ verify }};
''', s)
s = pw(16)
add("A-env-default", "packages/db/src/knexfile.ts", f'''
    import type {{ Knex }} from "knex";

    const config: Knex.Config = {{
      client: "pg",
      connection: {{
        host: process.env.PGHOST ?? "127.0.0.1",
        user: process.env.PGUSER ?? "inventory",
        password: process.env.PGPASSWORD ?? "{s}",
        database: process.env.PGDATABASE ?? "inventory",
      }},
      migrations: {{ directory: "./migrations" }},
    }};

    export default config;
''', s)
s = alnum(40)
add("A-env-default", "server/session.mjs", f'''
    import session from 'express-session';

    const {{
      SESSION_SECRET = '{s}',
      SESSION_TTL = '86400',
    }} = process.env;

    export default session({{
      secret: SESSION_SECRET,
      resave: false,
      saveUninitialized: false,
      cookie: {{ maxAge: Number(SESSION_TTL) * 1000 }},
    }});
''', s)
s = pw(14)
add("A-env-default", "docker/entrypoint.sh", f'''
    #!/bin/sh
    set -eu

    export DB_HOST="${{DB_HOST:-postgres}}"
    export DB_USER="${{DB_USER:-keycloak}}"
    export DB_PASS="${{DB_PASS:-{s}}}"

    until pg_isready -h "$DB_HOST" -U "$DB_USER"; do sleep 1; done
    exec /opt/keycloak/bin/kc.sh start --db-password="$DB_PASS"
''', s)
s = pw(16)
add("A-env-default", "deploy/docker-compose.yml", f'''
    version: "3.8"
    services:
      db:
        image: postgres:16
        restart: unless-stopped
        environment:
          POSTGRES_USER: ${{POSTGRES_USER:-gitea}}
          POSTGRES_PASSWORD: ${{POSTGRES_PASSWORD:-{s}}}
          POSTGRES_DB: gitea
        volumes:
          - pgdata:/var/lib/postgresql/data
    volumes:
      pgdata:
''', s)
s = hx(128)
add("A-env-default", "config/initializers/secret_key_base.rb", f'''
    # frozen_string_literal: true

    Rails.application.configure do
      config.secret_key_base = ENV.fetch("SECRET_KEY_BASE", "{s}")
    end
''', s)
s = pw(15)
add("A-env-default", "config/initializers/mailer.rb", f'''
    ActionMailer::Base.smtp_settings = {{
      address: ENV.fetch("SMTP_HOST", "smtp.mailgun.org"),
      port: 587,
      user_name: ENV.fetch("SMTP_USER") {{ "postmaster@mg.shop.io" }},
      password: ENV.fetch("SMTP_PASSWORD") {{ "{s}" }},
      authentication: :plain,
      enable_starttls_auto: true
    }}
''', s)
s = pw(16)
add("A-env-default", "src/main/java/com/acme/pay/TlsConfig.java", f'''
    package com.acme.pay;

    import java.io.FileInputStream;
    import java.security.KeyStore;

    public final class TlsConfig {{
        static KeyStore load() throws Exception {{
            String path = System.getenv().getOrDefault("KEYSTORE_PATH", "/etc/pay/keystore.p12");
            char[] pass = System.getenv().getOrDefault("KEYSTORE_PASSWORD", "{s}").toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (FileInputStream in = new FileInputStream(path)) {{
                ks.load(in, pass);
            }}
            return ks;
        }}
    }}
''', s)
s = b64(48)
add("A-env-default", "src/main/java/com/acme/auth/JwtService.java", f'''
    package com.acme.auth;

    import org.springframework.beans.factory.annotation.Value;
    import org.springframework.stereotype.Service;

    @Service
    public class JwtService {{

        @Value("${{security.jwt.secret:{s}}}")
        private String secret;

        @Value("${{security.jwt.ttl-seconds:900}}")
        private long ttl;
    }}
''', s)
s = hx(64)
add("A-env-default", "app/src/main/kotlin/io/acme/sync/Signing.kt", f'''
    package io.acme.sync

    import javax.crypto.Mac
    import javax.crypto.spec.SecretKeySpec

    object Signing {{
        private val key: String = System.getenv("SYNC_SIGNING_KEY") ?: "{s}"

        fun sign(body: ByteArray): ByteArray {{
            val mac = Mac.getInstance("HmacSHA256")
            mac.init(SecretKeySpec(key.toByteArray(), "HmacSHA256"))
            return mac.doFinal(body)
        }}
    }}
''', s)
s = pw(18)
add("A-env-default", "cmd/ledger/config.go", f'''
    package main

    import (
    	"strings"

    	"github.com/spf13/viper"
    )

    func loadConfig() {{
    	viper.SetEnvPrefix("LEDGER")
    	viper.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
    	viper.AutomaticEnv()
    	viper.SetDefault("database.host", "localhost")
    	viper.SetDefault("database.user", "ledger")
    	viper.SetDefault("database.password", "{s}")
    	viper.SetDefault("http.port", 8080)
    }}
''', s)
s = b64(32)
add("A-env-default", "internal/auth/env.go", f'''
    package auth

    import "os"

    func getEnv(key, fallback string) string {{
    	if v, ok := os.LookupEnv(key); ok {{
    		return v
    	}}
    	return fallback
    }}

    var (
    	issuer     = getEnv("AUTH_ISSUER", "https://auth.acme.dev")
    	authSecret = getEnv("AUTH_SECRET", "{s}")
    )
''', s)
s = pw(17)
add("A-env-default", "src/Inventory.Api/Program.cs", f'''
    using Microsoft.Data.SqlClient;

    var builder = WebApplication.CreateBuilder(args);

    var sqlUser = Environment.GetEnvironmentVariable("SQL_USER") ?? "inventory_svc";
    var sqlPassword = Environment.GetEnvironmentVariable("SQL_PASSWORD") ?? "{s}";
    var csb = new SqlConnectionStringBuilder
    {{
        DataSource = "sql01.corp.local",
        InitialCatalog = "Inventory",
        UserID = sqlUser,
        Password = sqlPassword,
    }};
    builder.Services.AddSingleton(csb);
    var app = builder.Build();
    app.Run();
''', s)
s = pw(16)
add("A-env-default", "config/database.php", f'''
    <?php

    use Illuminate\\Support\\Str;

    return [
        'default' => env('DB_CONNECTION', 'mysql'),
        'connections' => [
            'mysql' => [
                'driver' => 'mysql',
                'host' => env('DB_HOST', '127.0.0.1'),
                'port' => env('DB_PORT', '3306'),
                'database' => env('DB_DATABASE', 'forge'),
                'username' => env('DB_USERNAME', 'forge'),
                'password' => env('DB_PASSWORD', '{s}'),
                'charset' => 'utf8mb4',
            ],
        ],
    ];
''', s)
s = pw(15)
add("A-env-default", "lib/Mailer.php", f'''
    <?php
    require __DIR__ . '/../vendor/autoload.php';

    use PHPMailer\\PHPMailer\\PHPMailer;

    function mailer(): PHPMailer {{
        $m = new PHPMailer(true);
        $m->isSMTP();
        $m->Host = getenv('MAIL_HOST') ?: 'smtp.sendgrid.net';
        $m->SMTPAuth = true;
        $m->Username = getenv('MAIL_USERNAME') ?: 'apikey';
        $m->Password = getenv('MAIL_PASSWORD') ?: '{s}';
        $m->Port = 587;
        return $m;
    }}
''', s)
s = alnum(32)
add("A-env-default", "src/client.rs", f'''
    use std::env;

    pub struct Client {{
        base: String,
        token: String,
    }}

    impl Client {{
        pub fn from_env() -> Self {{
            let base = env::var("REGISTRY_URL").unwrap_or_else(|_| "https://registry.acme.dev".into());
            let token = env::var("REGISTRY_TOKEN").unwrap_or_else(|_| "{s}".to_string());
            Client {{ base, token }}
        }}
    }}
''', s)
s = pw(16)
add("A-env-default", "scripts/Restore-Database.ps1", f'''
    param(
        [string]$Server = "sql01",
        [string]$Database = "HR"
    )

    $user = if ($env:SA_USER) {{ $env:SA_USER }} else {{ 'sa' }}
    $pass = if ($env:SA_PASSWORD) {{ $env:SA_PASSWORD }} else {{ '{s}' }}

    Invoke-Sqlcmd -ServerInstance $Server -Database $Database -Username $user -Password $pass -InputFile .\\restore.sql
''', s)
s = pw(14)
add("A-env-default", "Makefile", f'''
    DB_USER ?= analytics
    DB_PASSWORD ?= {s}
    DB_HOST ?= localhost

    .PHONY: migrate
    migrate:
    \tPGPASSWORD=$(DB_PASSWORD) psql -h $(DB_HOST) -U $(DB_USER) -f schema.sql
''', s)
s = pw(16)
add("A-env-default", "charts/metabase/templates/deployment.yaml", f'''
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: {{{{ include "metabase.fullname" . }}}}
    spec:
      template:
        spec:
          containers:
            - name: metabase
              image: "metabase/metabase:{{{{ .Values.image.tag }}}}"
              env:
                - name: MB_DB_USER
                  value: {{{{ .Values.database.user | default "metabase" | quote }}}}
                - name: MB_DB_PASS
                  value: {{{{ .Values.database.password | default "{s}" | quote }}}}
''', s)
s = alnum(36)
add("A-env-default", "src/config/index.ts", f'''
    export const config = {{
      port: Number(process.env.PORT) || 3000,
      sentryDsn: process.env.SENTRY_DSN,
      internalApiToken: process.env.INTERNAL_API_TOKEN || "{s}",
    }} as const;
''', s)

# ---------------------------------------------------------------- B: name and value on different lines
s = pw(18)
add("B-name-value-lines", "k8s/orders/deployment.yaml", f'''
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: orders
      labels:
        app: orders
    spec:
      replicas: 2
      selector:
        matchLabels:
          app: orders
      template:
        metadata:
          labels:
            app: orders
        spec:
          containers:
            - name: orders
              image: registry.acme.dev/orders:1.14.2
              env:
                - name: DB_HOST
                  value: orders-db
                - name: DB_PASSWORD
                  value: "{s}"
                - name: LOG_LEVEL
                  value: info
''', s)
s = hx(64)
add("B-name-value-lines", "manifests/gateway.yaml", f'''
    apiVersion: apps/v1
    kind: StatefulSet
    metadata:
      name: gateway
    spec:
      serviceName: gateway
      template:
        spec:
          containers:
          - name: gateway
            image: ghcr.io/acme/gateway:v3
            env:
            - name: JWT_SIGNING_KEY
              value: {s}
            - name: UPSTREAM
              value: http://api:8080
''', s)
s = pw(16)
add("B-name-value-lines", "helm/values-prod.yaml", f'''
    replicaCount: 3

    image:
      repository: bitnami/airflow
      tag: 2.9.1

    extraEnv:
      - name: AIRFLOW__CORE__LOAD_EXAMPLES
        value: "False"
      - name: REDIS_PASSWORD
        value: {s}
      - name: TZ
        value: Europe/Berlin
''', s)
s = pw(20)
add("B-name-value-lines", "ecs/taskdef-api.json", f'''
    {{
      "family": "billing-api",
      "networkMode": "awsvpc",
      "containerDefinitions": [
        {{
          "name": "api",
          "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/billing-api:2024.06.1",
          "essential": true,
          "environment": [
            {{
              "name": "SPRING_PROFILES_ACTIVE",
              "value": "prod"
            }},
            {{
              "name": "SPRING_DATASOURCE_PASSWORD",
              "value": "{s}"
            }}
          ]
        }}
      ]
    }}
''', s)
s = alnum(32)
add("B-name-value-lines", "infra/ecs/worker-task.json", f'''
    {{
      "containerDefinitions": [
        {{
          "name": "worker",
          "image": "acme/worker:latest",
          "environment": [
            {{
              "value": "eu-central-1",
              "name": "AWS_REGION"
            }},
            {{
              "value": "{s}",
              "name": "PARTNER_API_SECRET"
            }}
          ]
        }}
      ]
    }}
''', s)
s = pw(18)
add("B-name-value-lines", "terraform/modules/rds/variables.tf", f'''
    variable "identifier" {{
      type    = string
      default = "reporting"
    }}

    variable "db_password" {{
      description = "Master password for the reporting database"
      type        = string
      sensitive   = true
      default     = "{s}"
    }}
''', s)
s = alnum(40)
add("B-name-value-lines", "terraform/envs/staging/variables.tf", f'''
    variable "admin_api_key" {{
      type        = string
      description = "Key used by the provisioning job to call the admin API"
      default     = "{s}"
    }}
''', s)
s = b64(32)
add("B-name-value-lines", "ios/Acme/Config/Secrets.plist", f'''
    <?xml version="1.0" encoding="UTF-8"?>
    <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
    <plist version="1.0">
    <dict>
    	<key>APIBaseURL</key>
    	<string>https://api.acme.app</string>
    	<key>APIClientSecret</key>
    	<string>{s}</string>
    </dict>
    </plist>
''', s)
s = pw(16)
add("B-name-value-lines", "src/main/resources/config/mail.xml", f'''
    <?xml version="1.0" encoding="UTF-8"?>
    <!DOCTYPE properties SYSTEM "http://java.sun.com/dtd/properties.dtd">
    <configuration>
      <entry>
        <key>smtp.host</key>
        <value>mail.acme.local</value>
      </entry>
      <entry>
        <key>smtp.password</key>
        <value>{s}</value>
      </entry>
    </configuration>
''', s)
s = b64(64)
add("B-name-value-lines", "src/Legacy.Web/Web.config", f'''
    <?xml version="1.0" encoding="utf-8"?>
    <configuration>
      <appSettings>
        <add key="webpages:Version" value="3.0.0.0" />
        <add key="StorageAccountName" value="acmelegacyfiles" />
        <add key="StorageAccountKey" value="{s}" />
      </appSettings>
    </configuration>
''', s)
s = pw(20)
add("B-name-value-lines", "src/Reports.Desktop/App.config", f'''
    <?xml version="1.0" encoding="utf-8" ?>
    <configuration>
      <applicationSettings>
        <Reports.Desktop.Properties.Settings>
          <setting name="ApiBaseUrl" serializeAs="String">
            <value>https://reports.acme.local/api</value>
          </setting>
          <setting name="ApiSecret" serializeAs="String">
            <value>{s}</value>
          </setting>
        </Reports.Desktop.Properties.Settings>
      </applicationSettings>
    </configuration>
''', s)
s = alnum(48)
add("B-name-value-lines", "src/main/resources/application.properties", f'''
    server.port=8443
    app.security.client-id=reporting-service
    app.security.client-secret=\\
        {s}
    app.security.token-uri=https://sso.acme.dev/oauth2/token
''', s)
s = pw(16, special="!*-_.~^+")
add("B-name-value-lines", "etc/reporting.ini", f'''
    [general]
    log_level = info

    [database]
    host = db01.corp.local
    port = 5432
    user = reporting
    password = {s}
''', s)
s = alnum(40)
add("B-name-value-lines", "conf/sso.ini", f'''
    [oauth]
    provider = keycloak
    client_id = grafana
    client_secret = {s}
    scopes = openid profile email
''', s)
s = b64(32)
add("B-name-value-lines", "azure/appsettings.json", f'''
    [
      {{
        "name": "ASPNETCORE_ENVIRONMENT",
        "slotSetting": false,
        "value": "Production"
      }},
      {{
        "name": "Jwt__SigningKey",
        "slotSetting": false,
        "value": "{s}"
      }}
    ]
''', s)
s = pw(16)
add("B-name-value-lines", "cloudformation/rds.yaml", f'''
    AWSTemplateFormatVersion: "2010-09-09"
    Parameters:
      DBUser:
        Type: String
        Default: appadmin
      DBPassword:
        Type: String
        NoEcho: true
        Default: {s}
    Resources:
      Database:
        Type: AWS::RDS::DBInstance
        Properties:
          Engine: mysql
          MasterUsername: !Ref DBUser
          MasterUserPassword: !Ref DBPassword
''', s)
s = alnum(32)
add("B-name-value-lines", ".gitlab-ci.yml", f'''
    stages: [build, deploy]

    variables:
      DOCKER_DRIVER: overlay2
      DEPLOY_API_TOKEN:
        value: "{s}"
        description: "Token for the deploy API"

    deploy:
      stage: deploy
      script:
        - ./deploy.sh
''', s)
s = pw(18)
add("B-name-value-lines", "cfn/ssm.yaml", f'''
    Resources:
      LegacyApiSecret:
        Type: AWS::SSM::Parameter
        Properties:
          Name: /prod/legacy-api/secret
          Type: String
          Value: {s}
          Description: Shared secret for the legacy API
''', s)
s = pw(16)
add("B-name-value-lines", "jenkins/credentials.xml", f'''
    <?xml version='1.1' encoding='UTF-8'?>
    <com.cloudbees.plugins.credentials.SystemCredentialsProvider plugin="credentials@2.6.1">
      <domainCredentialsMap class="hudson.util.CopyOnWriteMap$Hash">
        <entry>
          <java.util.concurrent.CopyOnWriteArrayList>
            <com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>
              <scope>GLOBAL</scope>
              <id>nexus-deploy</id>
              <username>deployment</username>
              <password>{s}</password>
            </com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>
          </java.util.concurrent.CopyOnWriteArrayList>
        </entry>
      </domainCredentialsMap>
    </com.cloudbees.plugins.credentials.SystemCredentialsProvider>
''', s)
s = pw(18)
add("B-name-value-lines", "tekton/pipelinerun.yaml", f'''
    apiVersion: tekton.dev/v1
    kind: PipelineRun
    metadata:
      generateName: build-push-
    spec:
      pipelineRef:
        name: build-push
      params:
        - name: image
          value: registry.acme.dev/shop/web
        - name: registry-password
          value: {s}
''', s)
s = pw(18)
add("B-name-value-lines", "terraform/ssm.tf", f'''
    resource "aws_ssm_parameter" "db_password" {{
      name  = "/prod/orders/db_password"
      type  = "SecureString"
      value = "{s}"
    }}
''', s)
s = alnum(40)
add("B-name-value-lines", "terraform/ecs.tf", f'''
    resource "aws_ecs_task_definition" "api" {{
      family = "api"
      container_definitions = jsonencode([
        {{
          name  = "api"
          image = "acme/api:1.2.3"
          environment = [
            {{
              name  = "STRIPE_SIGNING_SECRET"
              value = "{s}"
            }},
          ]
        }}
      ])
    }}
''', s)

# ---------------------------------------------------------------- C: URLs / connection strings
URLSP = "!*-_.~^#%"
s = "p" + pw(13, special="#^~!*")
add("C-url-connstring", "etl/db.py", f'''
    from sqlalchemy import create_engine

    engine = create_engine(
        "postgresql+psycopg2://etl:{s}@warehouse.internal:5432/analytics",
        pool_pre_ping=True,
    )
''', s)
s = pw(14, special="~!*^")
add("C-url-connstring", "shop/.env", f'''
    APP_ENV=production
    APP_DEBUG=false
    DATABASE_URL=mysql://root:{s}@localhost:3306/shop
    CACHE_DRIVER=redis
''', s)
s = "a%z" + pw(12, special="%!*")
add("C-url-connstring", "celery_app/celeryconfig.py", f'''
    broker_url = "redis://:{s}@cache.internal:6379/0"
    result_backend = "redis://cache.internal:6379/1"
    task_serializer = "json"
''', s)
s = pw(16, special="!*~^")
add("C-url-connstring", "tasks/settings.py", f'''
    CELERY_BROKER_URL = 'amqp://tasks:{s}@rabbitmq.svc.cluster.local:5672/tasks'
    CELERY_TASK_ACKS_LATE = True
''', s)
s = alnum(16)
add("C-url-connstring", "src/lib/mongo.ts", f'''
    import {{ MongoClient }} from "mongodb";

    const uri = "mongodb+srv://admin:{s}@cluster0.x7kq2.mongodb.net/?retryWrites=true&w=majority";
    export const client = new MongoClient(uri);
''', s)
s = pw(18, special="!*~^")
add("C-url-connstring", "src/Api/appsettings.Production.json", f'''
    {{
      "Logging": {{ "LogLevel": {{ "Default": "Warning" }} }},
      "ConnectionStrings": {{
        "Default": "Server=tcp:acme-prod.database.windows.net,1433;Initial Catalog=acme;Persist Security Info=False;User ID=acmeadmin;Password={s};MultipleActiveResultSets=False;Encrypt=True;TrustServerCertificate=False;Connection Timeout=30;"
      }}
    }}
''', s)
s = pw(16, special="!*~^#")
add("C-url-connstring", "reports/mssql.py", f'''
    import pyodbc

    conn = pyodbc.connect(
        "Driver={{ODBC Driver 18 for SQL Server}};Server=sql02.corp.local;Database=Finance;"
        "Uid=fin_reader;Pwd={{{s}}};Encrypt=yes;TrustServerCertificate=yes;"
    )
''', s)
s = pw(16, special="!*~")
add("C-url-connstring", "src/main/resources/application-prod.properties", f'''
    spring.datasource.url=jdbc:postgresql://pg-prod.acme.local:5432/catalog?user=catalog&password={s}&ssl=true
    spring.jpa.hibernate.ddl-auto=validate
''', s)
s = pw(14, special="!*~^")
add("C-url-connstring", "etl/oracle_extract.sh", f'''
    #!/bin/bash
    sqlplus -s scott/{s}@//ora01.corp.local:1521/ORCL <<'SQL'
    SET PAGESIZE 0
    SELECT COUNT(*) FROM orders WHERE created_at > SYSDATE - 1;
    EXIT
    SQL
''', s)
s = pw(16, special="!*~^")
add("C-url-connstring", "etc/nslcd.conf", f'''
    uid nslcd
    gid ldap
    uri ldaps://ldap.corp.local/
    base dc=corp,dc=local
    binddn cn=nslcd,ou=services,dc=corp,dc=local
    bindpw {s}
    tls_reqcert demand
''', s)
s = pw(16)
add("C-url-connstring", "src/main/java/com/acme/dir/LdapClient.java", f'''
    package com.acme.dir;

    import java.util.Hashtable;
    import javax.naming.Context;
    import javax.naming.directory.InitialDirContext;

    public class LdapClient {{
        public InitialDirContext connect() throws Exception {{
            Hashtable<String, String> env = new Hashtable<>();
            env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
            env.put(Context.PROVIDER_URL, "ldap://dc01.corp.local:389");
            env.put(Context.SECURITY_AUTHENTICATION, "simple");
            env.put(Context.SECURITY_PRINCIPAL, "CN=svc-portal,OU=Service Accounts,DC=corp,DC=local");
            env.put(Context.SECURITY_CREDENTIALS, "{s}");
            return new InitialDirContext(env);
        }}
    }}
''', s)
s = pw(18, special="!*~^")
add("C-url-connstring", "ops/replica/.pgpass", f'''
    db-primary.prod.internal:5432:*:replicator:{s}
''', s)
s = pw(16, special="!*~^")
add("C-url-connstring", "ops/backup/.my.cnf", f'''
    [client]
    user=backup
    password="{s}"
    host=mysql-primary.internal
''', s)
s = pw(18, special="!*~^")
add("C-url-connstring", "ci/netrc", f'''
    machine git.acmecorp.net
      login ci-bot
      password {s}
''', s)
s = pw(14, special="!*~^")
add("C-url-connstring", "scripts/nightly_backup.sh", f'''
    #!/usr/bin/env bash
    set -euo pipefail
    tar czf /tmp/backup.tgz /srv/app/data
    curl --fail -T /tmp/backup.tgz "ftp://deploy:{s}@ftp.corp.net/backups/$(date +%F).tgz"
''', s)
s = pw(16, special="!*~^")
add("C-url-connstring", "internal/notify/mail.go", f'''
    package notify

    import "net/url"

    var smtpURL, _ = url.Parse("smtp://alerts%40acme.io:{s}@smtp.office365.com:587")
''', s)
s = pw(16, special="!*~^#")
add("C-url-connstring", "internal/store/mysql.go", f'''
    package store

    import (
    	"database/sql"

    	_ "github.com/go-sql-driver/mysql"
    )

    func Open() (*sql.DB, error) {{
    	return sql.Open("mysql", "billing:{s}@tcp(mysql.billing.svc:3306)/billing?parseTime=true")
    }}
''', s)
s = pw(16, special="!*~^")
add("C-url-connstring", "cmd/migrate/main.go", f'''
    package main

    import (
    	"context"

    	"github.com/jackc/pgx/v5"
    )

    func main() {{
    	conn, err := pgx.Connect(context.Background(), "host=pg.internal port=5432 user=migrator password={s} dbname=app sslmode=require")
    	if err != nil {{
    		panic(err)
    	}}
    	defer conn.Close(context.Background())
    }}
''', s)
s = pw(16, special="!*~^")
add("C-url-connstring", "pip.conf", f'''
    [global]
    index-url = https://ci-reader:{s}@nexus.corp.net/repository/pypi-group/simple
    trusted-host = nexus.corp.net
''', s)
s = pw(16, special="!*~^")
add("C-url-connstring", "Jenkinsfile", f'''
    pipeline {{
      agent any
      stages {{
        stage('Checkout') {{
          steps {{
            sh 'git clone https://deploy-bot:{s}@bitbucket.org/acme/infra.git'
          }}
        }}
      }}
    }}
''', s)
s = alnum(32)
add("C-url-connstring", "config/sidekiq.yml", f'''
    :concurrency: 10
    :queues:
      - default
      - mailers
    production:
      :redis:
        url: redis://default:{s}@redis-14125.c250.eu-central-1-1.ec2.cloud.redislabs.com:14125
''', s)
s = pw(16, special="!*~^")
add("C-url-connstring", "ops/Export-HR.ps1", f'''
    $cs = "Data Source=sql01;Initial Catalog=HR;User Id=hr_app;Password={s};"
    $conn = New-Object System.Data.SqlClient.SqlConnection $cs
    $conn.Open()
''', s)
s = pw(16, special="!*~^")
add("C-url-connstring", "observability/docker-compose.yml", f'''
    services:
      kibana:
        image: docker.elastic.co/kibana/kibana:8.13.4
        environment:
          - ELASTICSEARCH_HOSTS=https://elastic:{s}@es01:9200
        ports:
          - "5601:5601"
''', s)
s = "Zx@9" + pw(10, special="!*~")
add("C-url-connstring", "lib/db.rb", f'''
    require "sequel"

    DB = Sequel.connect("postgres://svc_app:{s}@db.prod.internal/app")
''', s, note="password contains @")

# ---------------------------------------------------------------- D: secret-named settings, any value shape
s = hx(64)
add("D-secret-named-any-shape", "crypto/settings.py", f'''
    import binascii

    AES_KEY = "{s}"
    AES_KEY_BYTES = binascii.unhexlify(AES_KEY)
''', s)
s = hx(64)
add("D-secret-named-any-shape", "pkg/token/sign.go", f'''
    package token

    const signingKey = "{s}"

    func Key() []byte {{ return []byte(signingKey) }}
''', s)
s = b64(32)
add("D-secret-named-any-shape", "src/main/java/com/acme/api/HmacFilter.java", f'''
    package com.acme.api;

    public class HmacFilter {{
        private static final String HMAC_SECRET = "{s}";
    }}
''', s)
s = hx(48)
add("D-secret-named-any-shape", "conf/vault-agent.ini", f'''
    [security]
    cipher = aes-192-gcm
    encryption_key = {s}
''', s)
s = pw(16, special="!#*~^&")
add("D-secret-named-any-shape", "compose.yaml", f'''
    services:
      app:
        build: .
        environment:
          DB_HOST: db
          DB_PASSWORD: "{s}"
      db:
        image: mariadb:11
''', s)
s = pw(16, special="!*~^")
add("D-secret-named-any-shape", "wordpress/docker-compose.yml", f'''
    services:
      mysql:
        image: mysql:8.0
        environment:
          - MYSQL_DATABASE=wordpress
          - MYSQL_ROOT_PASSWORD={s}
''', s)
s = pw(16, special="!*#^")
add("D-secret-named-any-shape", "provision/New-ServiceUser.ps1", f'''
    Import-Module ActiveDirectory
    $secure = ConvertTo-SecureString "{s}" -AsPlainText -Force
    New-ADUser -Name "svc-backup" -AccountPassword $secure -Enabled $true
''', s)
s = pw(16, special="!*#^")
add("D-secret-named-any-shape", "provision/Connect-Vcenter.ps1", f'''
    $cred = New-Object System.Management.Automation.PSCredential("administrator@vsphere.local", (ConvertTo-SecureString -String '{s}' -AsPlainText -Force))
    Connect-VIServer -Server vcenter.corp.local -Credential $cred
''', s)
s = pw(24, special="!*-_.~^+")
add("D-secret-named-any-shape", "redis/redis.conf", f'''
    bind 0.0.0.0
    port 6379
    protected-mode yes
    requirepass {s}
    maxmemory 512mb
''', s)
s = pw(16, special="!*~^#")
add("D-secret-named-any-shape", "src/main/resources/application.yml", f'''
    spring:
      datasource:
        url: jdbc:mysql://mysql:3306/petclinic
        username: petclinic
        password: {s}
      jpa:
        open-in-view: false
''', s)
s = pw(16, special="!*~^")
add("D-secret-named-any-shape", "src/main/resources/mail.properties", f'''
    mail.smtp.host=smtp.gmail.com
    mail.smtp.port=587
    mail.smtp.auth=true
    mail.smtp.user=notifications@acme.io
    mail.smtp.password={s}
''', s)
s = b64(32)
add("D-secret-named-any-shape", "config/server.toml", f'''
    [server]
    bind = "0.0.0.0:8080"
    session_secret = "{s}"

    [server.tls]
    enabled = false
''', s)
s = hx(128)
add("D-secret-named-any-shape", "config/secrets.yml", f'''
    development:
      secret_key_base: 5f1c3d8f
    production:
      secret_key_base: {s}
''', s)
s = rnd(ALNUM + "~._-", 40)
add("D-secret-named-any-shape", "src/Graph.Sync/AuthConfig.cs", f'''
    namespace Graph.Sync
    {{
        internal static class AuthConfig
        {{
            public const string TenantId = "common";
            public const string ClientId = "{uid()}";
            private const string ClientSecret = "{s}";
        }}
    }}
''', s)
s = hx(40)
add("D-secret-named-any-shape", "config/initializers/slack.rb", f'''
    Slack.configure do |config|
      config.signing_secret = '{s}'
    end
''', s)
s = rnd(ALNUM + "!#%^&*()-_=+[]{}|;:,.<>?~", 64).replace("'", "").replace("\\", "")
add("D-secret-named-any-shape", "wp-config.php", f'''
    <?php
    define( 'DB_NAME', 'wordpress' );
    define( 'DB_USER', 'wp' );
    define( 'AUTH_KEY',         '{s}' );
    define( 'WP_DEBUG', false );
''', s)
s = pw(16, special="!*~^#")
add("D-secret-named-any-shape", "site/wp-config.php", f'''
    <?php
    /** MySQL database password */
    define('DB_PASSWORD', '{s}');
    define('DB_HOST', 'localhost');
''', s)
s = b64(32, url=True, pad=False)
add("D-secret-named-any-shape", "config/default.json", f'''
    {{
      "port": 4000,
      "jwtSecret": "{s}",
      "jwtExpiresIn": "1h"
    }}
''', s)
s = pw(16, special="!*~^")
add("D-secret-named-any-shape", "ansible/group_vars/dbservers.yml", f'''
    ---
    ansible_user: deploy
    ansible_become: true
    ansible_become_password: {s}
    postgres_version: 15
''', s)
s = b64(32)
add("D-secret-named-any-shape", "laravel/.env.production", f'''
    APP_NAME=Storefront
    APP_ENV=production
    APP_KEY=base64:{s}
    APP_DEBUG=false
''', s)
s = alnum(32)
add("D-secret-named-any-shape", "android/app/src/main/java/com/acme/weather/Keys.kt", f'''
    package com.acme.weather

    object Keys {{
        const val API_KEY = "{s}"
    }}
''', s)
s = pw(18, special="!*~^#")
add("D-secret-named-any-shape", "terraform/rds.tf", f'''
    resource "aws_db_instance" "main" {{
      identifier        = "main"
      engine            = "postgres"
      instance_class    = "db.t3.medium"
      username          = "dbadmin"
      master_password   = "{s}"
      allocated_storage = 50
    }}
''', s)
s = pw(16, special="!*~^#")
add("D-secret-named-any-shape", "db/init/01-users.sql", f'''
    CREATE DATABASE metrics;
    CREATE USER metrics_writer WITH PASSWORD '{s}';
    GRANT ALL PRIVILEGES ON DATABASE metrics TO metrics_writer;
''', s)
s = pw(16, special="!*~^#")
add("D-secret-named-any-shape", "db/mssql/setup.sql", f'''
    USE master;
    GO
    ALTER LOGIN sa WITH PASSWORD = N'{s}';
    GO
''', s)
s = pw(16, special="!*~^")
add("D-secret-named-any-shape", "Dockerfile", f'''
    FROM jenkins/jenkins:lts-jdk17
    ENV JENKINS_ADMIN_ID=admin
    ENV JENKINS_ADMIN_PASSWORD={s}
    COPY casc.yaml /var/jenkins_home/casc.yaml
''', s)
s = hx(40)
add("D-secret-named-any-shape", "build/Makefile", f'''
    API_SECRET := {s}
    IMAGE := acme/api

    build:
    \tdocker build --build-arg API_SECRET=$(API_SECRET) -t $(IMAGE) .
''', s)

# ---------------------------------------------------------------- E: split / concatenated / folded
t = gh()
add("E-split-folded", "tools/release.js", f'''
    const {{ Octokit }} = require('@octokit/rest');

    const token = '{t[:20]}' +
      '{t[20:]}';
    const octokit = new Octokit({{ auth: token }});
''', t, locate=t[:20], accept=[t, t[:20], t[20:]])
t = openai()
add("E-split-folded", "notebooks/summarize.py", f'''
    from openai import OpenAI

    API_KEY = ("{t[:80]}"
               "{t[80:]}")
    client = OpenAI(api_key=API_KEY)
''', t, locate=t[:80], accept=[t, t[:80], t[80:]])
t = slack()
a, b = t[:17], t[17:]
add("E-split-folded", "internal/alert/slack.go", f'''
    package alert

    const slackToken = "{a}" +
    	"{b}"
''', t, locate=a, accept=[t, a, b])
s = pw(18, special="!*~^#")
add("E-split-folded", "src/main/java/com/acme/batch/Db.java", f'''
    package com.acme.batch;

    class Db {{
        static final String URL = "jdbc:mysql://batch-db:3306/batch";
        static final String PASSWORD = "{s[:9]}" +
                "{s[9:]}";
    }}
''', s, locate=s[:9], accept=[s, s[:9], s[9:]])
t = anthropic()
add("E-split-folded", "helm/assistant/values.yaml", f'''
    assistant:
      model: claude-3-5-sonnet
      anthropicApiKey: >-
        {t}
      maxTokens: 4096
''', t)
k = pem("rsa")
body = k.splitlines()
add("E-split-folded", "helm/ingress/values.yaml", "tls:\n  enabled: true\n  key: |\n" + "\n".join("    " + l for l in body) + "\n  cert: ''\n",
    k, locate="-----BEGIN", accept=[k, body[1], body[2], "".join(body[1:-1])])
k = pem("pkcs8")
sa = {"type": "service_account", "project_id": "acme-analytics-prod", "private_key_id": hx(40),
      "private_key": k + "\n", "client_email": "etl@acme-analytics-prod.iam.gserviceaccount.com",
      "client_id": rnd(DIG, 21), "token_uri": "https://oauth2.googleapis.com/token"}
add("E-split-folded", "etl/credentials/etl-sa.json", json.dumps(sa, indent=2) + "\n", k,
    locate="private_key\"", accept=[k, k.splitlines()[1], "".join(k.splitlines()[1:-1]), k.replace("\n", "\\n")])
k = pem("ec")
esc = k.replace("\n", "\\n")
add("E-split-folded", "api/.env", f'''
    NODE_ENV=production
    JWT_ALG=ES256
    JWT_PRIVATE_KEY="{esc}"
''', k, locate="JWT_PRIVATE_KEY", accept=[k, esc, k.splitlines()[1]])
s = pw(20, special="!*~^")
add("E-split-folded", "scripts/seed_admin.py", f'''
    import requests

    password = "{s[:10]}" \\
        "{s[10:]}"
    requests.post("https://admin.acme.local/api/users", json={{"user": "admin", "password": password}})
''', s, locate=s[:10], accept=[s, s[:10], s[10:]])
s = pw(16, special="!*~^")
add("E-split-folded", "src/Billing/Data/Db.cs", f'''
    namespace Billing.Data
    {{
        public static class Db
        {{
            public const string ConnectionString =
                "Server=billing-sql;Database=Billing;" +
                "User Id=billing_app;Password={s};" +
                "TrustServerCertificate=True";
        }}
    }}
''', s)
t = gh()
add("E-split-folded", "ci/mirror.sh", f'''
    #!/bin/bash
    part1="{t[:18]}"
    part2="{t[18:]}"
    GH_TOKEN="${{part1}}${{part2}}"
    git push "https://x-access-token:${{GH_TOKEN}}@github.com/acme/mirror.git" --mirror
''', t, locate=t[:18], accept=[t, t[:18], t[18:]])
t = stripe()
add("E-split-folded", "lib/billing.rb", f'''
    require "stripe"

    Stripe.api_key = "{t[:40]}" \\
                     "{t[40:]}"
''', t, locate=t[:40], accept=[t, t[:40], t[40:]])
t = gh("gho_")
add("E-split-folded", "bot/auth.py", f'''
    TOKEN = "".join([
        "{t[:14]}",
        "{t[14:28]}",
        "{t[28:]}",
    ])
''', t, locate=t[:14], accept=[t, t[:14], t[14:28], t[28:]])
k = pem("ed25519-openssh")
add("E-split-folded", "k8s/git-sync-secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: git-sync-ssh\ntype: Opaque\nstringData:\n  ssh: |\n" + "\n".join("    " + l for l in k.splitlines()) + "\n",
    k, locate="-----BEGIN", accept=[k, k.splitlines()[1], "".join(k.splitlines()[1:-1])])
k = pem("rsa")
esc = k.replace("\n", "\\n")
add("E-split-folded", "github-app/docker-compose.yml", f'''
    services:
      probot:
        image: acme/probot-app:2
        environment:
          APP_ID: "{rnd(DIG,6)}"
          PRIVATE_KEY: "{esc}"
''', k, locate="PRIVATE_KEY", accept=[k, esc, k.splitlines()[1]])
s = pw(16, special="!*~^")
add("E-split-folded", "tools/bootstrap.py", f'''
    import configparser

    DEFAULT_CONFIG = """
    [database]
    host = localhost
    user = bootstrap
    password = {s}
    """

    cfg = configparser.ConfigParser()
    cfg.read_string(DEFAULT_CONFIG)
''', s)
s = b64(32)
add("E-split-folded", "internal/config/defaults.go", f'''
    package config

    const defaultConfig = `{{
      "listen": ":9000",
      "auth": {{
        "hmacSecret": "{s}"
      }}
    }}`
''', s)
t = stripe()
add("E-split-folded", "web/src/payments.js", f'''
    const parts = ['{t[:30]}', '{t[30:70]}', '{t[70:]}'];
    export const stripeKey = parts.join('');
''', t, locate=t[:30], accept=[t, t[:30], t[30:70], t[70:]])
i, sk = akia(), aws_secret()
add("E-split-folded", "firmware/src/cloud.c", f'''
    #include "cloud.h"

    static const char *AWS_ACCESS_KEY_ID = "{i}";
    static const char *AWS_SECRET_ACCESS_KEY = "{sk[:20]}"
                                               "{sk[20:]}";
''', sk, locate=sk[:20], accept=[sk, sk[:20], sk[20:], i])
t = slack("xoxp")
add("E-split-folded", "config/notifier.yaml", f'''
    notifier:
      slack:
        channel: "#deploys"
        token: |
          {t}
''', t)

# ---------------------------------------------------------------- F: encoded
t = slack()
add("F-encoded", "fixtures/events/slack_install.json", f'''
    {{
      "event": "app_installed",
      "team": "T{rnd(UP+DIG,10)}",
      "payload": "{b64s(t)}",
      "ts": 1717171717
    }}
''', t, locate="payload", accept=[t, b64s(t)])
t = gh()
add("F-encoded", "k8s/ci-config.yaml", f'''
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: ci-config
    binaryData:
      token: {b64s(t)}
''', t, locate=b64s(t), accept=[t, b64s(t)])
t = stripe()
add("F-encoded", "billing/keys.py", f'''
    import base64

    STRIPE_KEY = base64.b64decode("{b64s(t)}").decode()
''', t, locate=b64s(t), accept=[t, b64s(t)])
t = npm()
add("F-encoded", "scripts/publish.mjs", f'''
    import {{ writeFileSync }} from 'node:fs';

    const tok = atob("{b64s(t)}");
    writeFileSync('.npmrc', `//registry.npmjs.org/:_authToken=${{tok}}\\n`);
''', t, locate=b64s(t), accept=[t, b64s(t)])
t = gh()
add("F-encoded", "internal/gh/client.go", f'''
    package gh

    import "encoding/hex"

    func token() string {{
    	b, _ := hex.DecodeString("{hexs(t)}")
    	return string(b)
    }}
''', t, locate=hexs(t), accept=[t, hexs(t)])
t = slack()
add("F-encoded", "bot/.env", f'''
    SLACK_CHANNEL=C04ABCDEF
    SLACK_BOT_TOKEN_B64={b64s(t)}
''', t, locate=b64s(t), accept=[t, b64s(t)])
t = glpat()
add("F-encoded", "src/main/java/com/acme/ci/GitLab.java", f'''
    package com.acme.ci;

    import java.util.Base64;

    class GitLab {{
        static final String TOKEN = new String(Base64.getDecoder().decode("{b64s(t)}"));
    }}
''', t, locate=b64s(t), accept=[t, b64s(t)])
t = anthropic()
add("F-encoded", "src/Assistant/Keys.cs", f'''
    namespace Assistant;

    static class Keys
    {{
        public static readonly string Anthropic = System.Text.Encoding.UTF8.GetString(Convert.FromHexString("{hexs(t)}"));
    }}
''', t, locate=hexs(t), accept=[t, hexs(t)])
s = pw(18, special="!*~^")
add("F-encoded", "k8s/db-secret.yaml", f'''
    apiVersion: v1
    kind: Secret
    metadata:
      name: db
    type: Opaque
    data:
      DB_USER: {b64s("app")}
      DB_PASSWORD: {b64s(s)}
''', s, locate=b64s(s), accept=[s, b64s(s)])
s = pw(16, special="!*~^")
au = b64s("ci-pusher:" + s)
add("F-encoded", "ci/docker/config.json", f'''
    {{
      "auths": {{
        "registry.acme.dev": {{
          "auth": "{au}"
        }}
      }}
    }}
''', s, locate=au, accept=[s, au, "ci-pusher:" + s])
t = stripe("rk_live_")
add("F-encoded", "terraform/lambda.tf", f'''
    resource "aws_lambda_function" "refunds" {{
      function_name = "refunds"
      environment {{
        variables = {{
          STRIPE_KEY = base64decode("{b64s(t)}")
        }}
      }}
    }}
''', t, locate=b64s(t), accept=[t, b64s(t)])
k = pem("pkcs8")
sa = json.dumps({"type": "service_account", "project_id": "acme-ci", "private_key_id": hx(40), "private_key": k + "\n",
                 "client_email": "ci@acme-ci.iam.gserviceaccount.com"})
add("F-encoded", ".gitlab/ci/gcp.yml", f'''
    variables:
      GOOGLE_CREDENTIALS_B64: "{b64s(sa)}"

    gcp-deploy:
      script:
        - echo "$GOOGLE_CREDENTIALS_B64" | base64 -d > /tmp/sa.json
''', k, locate="GOOGLE_CREDENTIALS_B64", accept=[k, b64s(sa), sa])
s = pw(16, special="!*~^")
au = b64s("admin:" + s)
add("F-encoded", "scripts/trigger_job.sh", f'''
    #!/bin/sh
    curl -X POST \\
      -H "Authorization: Basic {au}" \\
      https://jenkins.corp.local/job/deploy/build
''', s, locate=au, accept=[s, au, "admin:" + s])
t = openai()
add("F-encoded", "src/llm.rs", f'''
    pub fn api_key() -> String {{
        String::from_utf8(hex::decode("{hexs(t)}").unwrap()).unwrap()
    }}
''', t, locate=hexs(t), accept=[t, hexs(t)])
t = slack("xoxp")
add("F-encoded", "includes/slack.php", f'''
    <?php
    $slack_token = base64_decode('{b64s(t)}');
''', t, locate=b64s(t), accept=[t, b64s(t)])
t = gh("ghs_")
u = base64.urlsafe_b64encode(t.encode()).decode().rstrip("=")
add("F-encoded", "data/cache/installation.json", f'''
    {{"installation_id": {rnd(DIG,8)}, "blob": "{u}", "expires_at": "2026-01-01T00:00:00Z"}}
''', t, locate=u, accept=[t, u])
i, sk = akia(), aws_secret()
cred = f"[default]\naws_access_key_id = {i}\naws_secret_access_key = {sk}\n"
add("F-encoded", ".github/workflows/deploy.yml", f'''
    name: deploy
    on: push
    env:
      AWS_CREDENTIALS_FILE_B64: {b64s(cred)}
    jobs:
      deploy:
        runs-on: ubuntu-latest
        steps:
          - run: mkdir -p ~/.aws && echo "$AWS_CREDENTIALS_FILE_B64" | base64 -d > ~/.aws/credentials
''', sk, locate="AWS_CREDENTIALS_FILE_B64:", accept=[sk, i, b64s(cred)])

# ---------------------------------------------------------------- G: provider tokens without prefix
s = hx(32)
add("G-provider-no-prefix", "monitoring/dd.py", f'''
    from datadog import initialize, api

    options = {{
        "api_key": "{s}",
        "api_host": "https://api.datadoghq.eu",
    }}
    initialize(**options)
''', s)
s = hx(32)
add("G-provider-no-prefix", "datadog-agent/datadog.yaml", f'''
    api_key: {s}
    site: datadoghq.com
    logs_enabled: true
    apm_config:
      enabled: true
''', s)
s = hx(40)
add("G-provider-no-prefix", "terraform/monitoring/provider.tf", f'''
    provider "datadog" {{
      api_key = var.datadog_api_key
      app_key = "{s}"
      api_url = "https://api.datadoghq.eu/"
    }}
''', s)
s = uid()
add("G-provider-no-prefix", "deploy/netrc", f'''
    machine api.heroku.com
      login ops@acme.io
      password {s}
    machine git.heroku.com
      login ops@acme.io
      password {s}
''', s)
s = uid()
add("G-provider-no-prefix", ".github/workflows/heroku.yml", f'''
    name: Deploy to Heroku
    on:
      push:
        branches: [main]
    jobs:
      deploy:
        runs-on: ubuntu-latest
        env:
          HEROKU_API_KEY: {s}
        steps:
          - uses: actions/checkout@v4
          - run: heroku container:push web -a acme-web
''', s)
s = uid()
add("G-provider-no-prefix", "lib/tasks/heroku.rake", f'''
    require "platform-api"

    namespace :heroku do
      task :restart do
        heroku = PlatformAPI.connect_oauth("{s}")
        heroku.dyno.restart_all("acme-web")
      end
    end
''', s)
s = hx(32)
add("G-provider-no-prefix", "search/reindex.js", f'''
    const algoliasearch = require('algoliasearch');

    const client = algoliasearch('{rnd(UP+DIG,10)}', '{s}');
    const index = client.initIndex('products');
''', s)
s = hx(32)
add("G-provider-no-prefix", "src/Search/Indexer.php", f'''
    <?php
    use Algolia\\AlgoliaSearch\\SearchClient;

    $client = SearchClient::create('{rnd(UP+DIG,10)}', '{s}');
    $index = $client->initIndex('articles');
''', s)
s = hx(32)
add("G-provider-no-prefix", "docs-site/.env", f'''
    ALGOLIA_APP_ID={rnd(UP+DIG,10)}
    ALGOLIA_ADMIN_KEY={s}
''', s)
s = jira_pat()
add("G-provider-no-prefix", "tools/jira_sync.py", f'''
    from jira import JIRA

    jira = JIRA(server="https://jira.corp.acme.com", token_auth="{s}")
    for issue in jira.search_issues("project = OPS AND status = Open"):
        print(issue.key)
''', s)
s = jira_pat()
add("G-provider-no-prefix", "scripts/jira_whoami.sh", f'''
    #!/bin/sh
    curl -s -H "Authorization: Bearer {s}" https://jira.corp.acme.com/rest/api/2/myself
''', s)
s = jira_pat()
add("G-provider-no-prefix", "confluence-export/config.yml", f'''
    confluence:
      url: https://wiki.corp.acme.com
      space: OPS
      token: {s}
''', s)
s = azdo_pat()
add("G-provider-no-prefix", "pipelines/scripts/login.sh", f'''
    #!/bin/bash
    export AZURE_DEVOPS_EXT_PAT={s}
    az devops configure --defaults organization=https://dev.azure.com/acme project=Platform
''', s)
s = azdo_pat()
add("G-provider-no-prefix", "NuGet.Config", f'''
    <?xml version="1.0" encoding="utf-8"?>
    <configuration>
      <packageSources>
        <add key="acme" value="https://pkgs.dev.azure.com/acme/_packaging/acme-feed/nuget/v3/index.json" />
      </packageSources>
      <packageSourceCredentials>
        <acme>
          <add key="Username" value="build" />
          <add key="ClearTextPassword" value="{s}" />
        </acme>
      </packageSourceCredentials>
    </configuration>
''', s)
s = azdo_pat()
add("G-provider-no-prefix", "tools/clone-all.ps1", f'''
    $repos = @("api", "web", "infra")
    foreach ($r in $repos) {{
        git clone "https://build:{s}@dev.azure.com/acme/Platform/_git/$r"
    }}
''', s)
s = okta()
add("G-provider-no-prefix", "src/main/resources/okta.properties", f'''
    okta.client.orgUrl=https://acme.okta.com
    okta.client.token={s}
''', s)
s = okta()
add("G-provider-no-prefix", "scripts/okta-users.js", f'''
    const okta = require('@okta/okta-sdk-nodejs');

    const client = new okta.Client({{
      orgUrl: 'https://dev-4821937.okta.com/',
      token: '{s}',
    }});
''', s)
s = okta()
add("G-provider-no-prefix", "terraform/okta/main.tf", f'''
    provider "okta" {{
      org_name  = "acme"
      base_url  = "okta.com"
      api_token = "{s}"
    }}
''', s)

# ---------------------------------------------------------------- H: file encodings
s = pw(16, special="!*~^")
add("H-file-encoding", "legacy/config_fr.py", f'''
    # -*- coding: latin-1 -*-
    # Paramètres de connexion à la base de données (ne pas modifier sans l'équipe sécurité)
    DB_HOST = "srv-données.local"
    DB_PASSWORD = "{s}"
''', s, enc="latin-1")
s = pw(16, special="!*~^")
add("H-file-encoding", "src/main/resources/messages_de.properties", f'''
    # Überschrift für die Anmeldeseite
    login.title=Anmeldung für Mitarbeiter
    login.hint=Bitte geben Sie Ihr Kennwort ein
    ldap.manager.password={s}
''', s, enc="latin-1", note="Java .properties are ISO-8859-1 by spec")
s = pw(16, special="!*~^")
add("H-file-encoding", "Config/Setup.ini", f'''
    ; “Produktiv” – nicht einchecken
    [Datenbank]
    Server=SQL01
    Benutzer=sa
    Password={s}
''', s, enc="cp1252", crlf=True)
s = pw(16, special="!*~^")
add("H-file-encoding", "Legacy/DbHelper.cs", f'''
    // Don’t change – used by the nightly “export” job
    public static class DbHelper
    {{
        public const string Conn = "Data Source=SQL01;Initial Catalog=Export;User ID=export;Password={s};";
    }}
''', s, enc="cp1252", crlf=True)
s = pw(16, special="!*~^")
add("H-file-encoding", "deploy/deploy.bat", f'''
    @echo off
    set DEPLOY_USER=svc_deploy
    set DEPLOY_PASSWORD={s}
    msdeploy.exe -verb:sync -source:package=app.zip -dest:auto,computerName=web01,userName=%DEPLOY_USER%,password=%DEPLOY_PASSWORD%
''', s, crlf=True)
s = pw(16, special="!*~^")
add("H-file-encoding", "scripts/Join-Domain.ps1", f'''
    $user = "CORP\\joiner"
    $password = "{s}"
    $cred = New-Object PSCredential($user, (ConvertTo-SecureString $password -AsPlainText -Force))
    Add-Computer -DomainName corp.local -Credential $cred -Restart
''', s, crlf=True)
s = hx(64)
add("H-file-encoding", "win/.env", f'''
    PORT=8080
    SECRET_KEY={s}
''', s, crlf=True)
t = openai()
nb = {"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
                 "source": ["import os\n", "from openai import OpenAI\n", f"os.environ[\"OPENAI_API_KEY\"] = \"{t}\"\n", "client = OpenAI()"]}],
      "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
add("H-file-encoding", "notebooks/01-explore.ipynb", json.dumps(nb, indent=1) + "\n", t)
s = pw(16, special="!*~^")
nb = {"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {}, "outputs": [],
                 "source": ["import pandas as pd\n", "from sqlalchemy import create_engine\n",
                            f"engine = create_engine(\"postgresql://analyst:{s}@dwh.corp.local:5432/dwh\")\n",
                            "df = pd.read_sql(\"select * from sales limit 100\", engine)"]}],
      "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
add("H-file-encoding", "analysis/sales.ipynb", json.dumps(nb, indent=1) + "\n", s)
i, sk = akia(), aws_secret()
nb = {"cells": [{"cell_type": "code", "execution_count": 7, "metadata": {},
                 "outputs": [{"name": "stdout", "output_type": "stream",
                              "text": ["AWS_ACCESS_KEY_ID=" + i + "\n", "AWS_SECRET_ACCESS_KEY=" + sk + "\n", "AWS_DEFAULT_REGION=eu-west-1\n"]}],
                 "source": ["!env | grep AWS"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
add("H-file-encoding", "scratch/debug-env.ipynb", json.dumps(nb, indent=1) + "\n", sk, accept=[sk])
s = pw(16, special="!*~^")
nb = {"cells": [{"cell_type": "code", "execution_count": 2, "metadata": {}, "outputs": [],
                 "source": ["import snowflake.connector\n", "conn = snowflake.connector.connect(\n", "    user=\"ANALYST\",\n",
                            f"    password=\"{s}\",\n", "    account=\"acme-xy12345\",\n", ")"]}],
      "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
add("H-file-encoding", "analysis/snowflake.ipynb", json.dumps(nb, indent=1) + "\n", s)
t = stripe()
mini = ('!function(){"use strict";var e={env:"production",version:"4.2.1"},t=function(e){return e&&e.__esModule?e:{default:e}};'
        f'var n={{apiBase:"https://api.acme.io",stripeSecret:"{t}",retries:3}};'
        'function r(e,t){return fetch(n.apiBase+e,{method:"POST",body:JSON.stringify(t)})}window.acme={post:r,cfg:e}}();\n')
add("H-file-encoding", "public/static/js/main.4f9c2e1a.js", mini, t)
s = alnum(40)
mini = ('(()=>{var a=Object.defineProperty;var o=(e,t)=>{for(var n in t)a(e,n,{get:t[n],enumerable:!0})};'
        f'const c={{clientId:"web-portal",clientSecret:"{s}",issuer:"https://sso.acme.io"}};'
        'async function l(){const e=await fetch(c.issuer+"/token",{method:"POST"});return e.json()}o(window,{login:l});})();\n')
add("H-file-encoding", "dist/portal.min.js", mini, s)
s = hx(64)
mini = ('"use strict";Object.defineProperty(exports,"__esModule",{value:!0});const crypto_1=require("crypto");'
        f'const hmacSecret="{s}";'
        'function sign(e){return crypto_1.createHmac("sha256",hmacSecret).update(e).digest("hex")}exports.sign=sign;\n')
add("H-file-encoding", "lib/sign.min.js", mini, s)
s = rnd(ALNUM + "~._-", 40)
add("H-file-encoding", "src/Portal/appsettings.json", f'''
    {{
      "AzureAd": {{
        "Instance": "https://login.microsoftonline.com/",
        "TenantId": "{uid()}",
        "ClientId": "{uid()}",
        "ClientSecret": "{s}"
      }}
    }}
''', s, bom=True, crlf=True)
s = pw(16, special="!*~^")
add("H-file-encoding", "legacy/includes/db.inc.php", f'''
    <?php
    // Accès à la base - mot de passe fourni par l'équipe infra
    $db_host = 'localhost';
    $db_user = 'intranet';
    $db_password = '{s}';
    $link = mysqli_connect($db_host, $db_user, $db_password, 'intranet');
''', s, enc="latin-1")
s = pw(16, special="!*~^")
add("H-file-encoding", "ops/ansible/inventory.yml", f'''
    all:
      hosts:
        web01:
          ansible_host: 10.0.1.10
          ansible_user: deploy
          ansible_password: {s}
''', s, crlf=True)
s = pw(16, special="!*~^")
add("H-file-encoding", "windows/autologon.reg", f'''
    Windows Registry Editor Version 5.00

    [HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon]
    "AutoAdminLogon"="1"
    "DefaultUserName"="kiosk"
    "DefaultPassword"="{s}"
''', s, enc="utf-16", crlf=True, note="regedit exports are UTF-16LE with BOM (stretch: not in issue 15's list)")

# ---------------------------------------------------------------- P: well-known prefixed tokens, unusual places
t = gh()
add("P-prefixed-provider", "docker/builder/Dockerfile", f'''
    FROM golang:1.22 AS build
    WORKDIR /src
    RUN git config --global url."https://{t}@github.com/".insteadOf "https://github.com/"
    COPY . .
    RUN go build -o /out/app ./cmd/app
''', t)
t = gh("gho_")
add("P-prefixed-provider", "db/seeds/integrations.sql", f'''
    INSERT INTO integrations (id, provider, access_token, created_at)
    VALUES (1, 'github', '{t}', NOW());
''', t)
t = glpat()
add("P-prefixed-provider", ".gitmodules", f'''
    [submodule "vendor/protos"]
    	path = vendor/protos
    	url = https://oauth2:{t}@gitlab.com/acme/protos.git
''', t)
t = slack()
add("P-prefixed-provider", "data/alert_routes.csv", f'''
    team,channel,token,severity
    payments,#pay-alerts,{t},critical
    search,#search-alerts,,warning
''', t)
t = slack_webhook()
add("P-prefixed-provider", "ci/Jenkinsfile.release", f'''
    post {{
      failure {{
        sh "curl -X POST -H 'Content-type: application/json' --data '{{\\"text\\":\\"release failed\\"}}' {t}"
      }}
    }}
''', t)
t = stripe()
add("P-prefixed-provider", "spec/fixtures/vcr_cassettes/charge.yml", f'''
    ---
    http_interactions:
    - request:
        method: post
        uri: https://api.stripe.com/v1/charges
        headers:
          Authorization:
          - Bearer {t}
''', t)
t = stripe("rk_live_")
add("P-prefixed-provider", "ops/Makefile", f'''
    STRIPE_RESTRICTED_KEY = {t}

    report:
    \tcurl -u $(STRIPE_RESTRICTED_KEY): https://api.stripe.com/v1/balance
''', t)
t = openai()
add("P-prefixed-provider", "pyproject.toml", f'''
    [tool.poetry]
    name = "summarizer"
    version = "0.3.0"

    [tool.summarizer]
    model = "gpt-4o-mini"
    openai_api_key = "{t}"
''', t)
t = anthropic()
add("P-prefixed-provider", "home/.bash_history", f'''
    ls -la
    cd projects/agent
    export ANTHROPIC_API_KEY={t}
    python run_agent.py --task triage
''', t)
i, sk = akia(), aws_secret()
add("P-prefixed-provider", "src/main/resources/s3.properties", f'''
    s3.bucket=acme-exports
    s3.region=eu-west-1
    s3.accessKey={i}
    s3.secretKey={sk}
''', sk, accept=[sk])
i, sk = akia(), aws_secret()
add("P-prefixed-provider", "lambda/upload.py", f'''
    import boto3

    s3 = boto3.client("s3", aws_access_key_id="{i}", aws_secret_access_key="{sk}", region_name="us-east-1")
''', sk, accept=[sk])
i, sk = akia(), aws_secret()
add("P-prefixed-provider", "terraform/providers.tf", f'''
    provider "aws" {{
      region     = "eu-central-1"
      access_key = "{i}"
      secret_key = "{sk}"
    }}
''', sk, accept=[sk])
t = gapi()
add("P-prefixed-provider", "android/app/src/main/res/values/google_maps_api.xml", f'''
    <resources>
        <string name="google_maps_key" templateMergeStrategy="preserve" translatable="false">{t}</string>
    </resources>
''', t)
t = npm()
add("P-prefixed-provider", ".github/workflows/publish.yml", f'''
    name: publish
    on:
      release:
        types: [published]
    jobs:
      publish:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - run: echo "//registry.npmjs.org/:_authToken={t}" > ~/.npmrc
          - run: npm publish
''', t)
t = pypi()
add("P-prefixed-provider", "release/.pypirc", f'''
    [distutils]
    index-servers = pypi

    [pypi]
    username = __token__
    password = {t}
''', t)
t = sendgrid()
add("P-prefixed-provider", "src/Notifications/EmailSender.cs", f'''
    using SendGrid;

    public class EmailSender
    {{
        private readonly SendGridClient _client = new SendGridClient("{t}");
    }}
''', t)
sid, tok = "AC" + hx(32), hx(32)
add("P-prefixed-provider", "sms/send.py", f'''
    from twilio.rest import Client

    account_sid = "{sid}"
    auth_token = "{tok}"
    client = Client(account_sid, auth_token)
''', tok, note="Twilio auth token is 32 hex without prefix; SID is the identifier")
t = shopify()
add("P-prefixed-provider", "theme/config/settings_data.json", f'''
    {{
      "current": {{
        "checkout_accent_color": "#1f6feb",
        "admin_api_access_token": "{t}"
      }}
    }}
''', t)
t = hf()
add("P-prefixed-provider", "training/download.py", f'''
    from huggingface_hub import login, snapshot_download

    login("{t}")
    snapshot_download("meta-llama/Llama-3.1-8B", local_dir="/models/llama")
''', t)
t = dop()
add("P-prefixed-provider", "infra/do/terraform.tfvars", f'''
    region   = "fra1"
    do_token = "{t}"
''', t)
t = dapi()
add("P-prefixed-provider", "home/.databrickscfg", f'''
    [DEFAULT]
    host = https://adb-{rnd(DIG,16)}.7.azuredatabricks.net
    token = {t}
''', t)
t = pmak()
add("P-prefixed-provider", "postman/acme.postman_environment.json", f'''
    {{
      "id": "{uid()}",
      "name": "acme-prod",
      "values": [
        {{ "key": "baseUrl", "value": "https://api.getpostman.com", "enabled": true }},
        {{ "key": "postmanApiKey", "value": "{t}", "enabled": true }}
      ]
    }}
''', t)
t = linear()
add("P-prefixed-provider", "src/linear.rs", f'''
    const LINEAR_KEY: &str = "{t}";

    pub fn auth_header() -> String {{
        LINEAR_KEY.to_string()
    }}
''', t)
t = nrak()
add("P-prefixed-provider", "charts/newrelic/values.yaml", f'''
    global:
      cluster: prod-eu
      licenseKey: ""
    userApiKey: {t}
''', t)
t = hvs()
add("P-prefixed-provider", "scripts/vault-login.sh", f'''
    #!/bin/bash
    export VAULT_ADDR=https://vault.corp.local:8200
    export VAULT_TOKEN={t}
    vault kv get secret/app/config
''', t)
t = github_pat()
add("P-prefixed-provider", ".github/workflows/sync.yml", f'''
    jobs:
      sync:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
            with:
              token: {t}
''', t)
t = slack_xapp()
add("P-prefixed-provider", "bot/socket_mode.py", f'''
    from slack_bolt.adapter.socket_mode import SocketModeHandler
    from app import app

    SocketModeHandler(app, "{t}").start()
''', t)
t = whsec()
add("P-prefixed-provider", "internal/payments/webhook.go", f'''
    package payments

    const endpointSecret = "{t}"
''', t)
t = groq()
add("P-prefixed-provider", "ai/config.ts", f'''
    export const providers = {{
      groq: {{ baseURL: "https://api.groq.com/openai/v1", apiKey: "{t}" }},
    }};
''', t)
t = anthropic()
add("P-prefixed-provider", "app/src/main/kotlin/io/acme/ai/Claude.kt", f'''
    package io.acme.ai

    private const val KEY = "{t}"

    fun headers() = mapOf("x-api-key" to KEY, "anthropic-version" to "2023-06-01")
''', t)


def write():
    if os.path.exists(OUT):
        shutil.rmtree(OUT)
    man = []
    for n, c in enumerate(CASES, 1):
        d = os.path.join(OUT, f"c{n:03d}")
        p = os.path.join(d, c["path"])
        os.makedirs(os.path.dirname(p), exist_ok=True)
        text = c["text"]
        lines = text.split("\n")
        line = next((i + 1 for i, l in enumerate(lines) if c["locate"] in l), None)
        assert line, (n, c["path"], c["locate"][:30])
        if c["crlf"]:
            text = text.replace("\n", "\r\n")
        data = text.encode(c["enc"])
        if c["bom"]:
            data = b"\xef\xbb\xbf" + data
        with open(p, "wb") as f:
            f.write(data)
        man.append(dict(id=f"c{n:03d}", file=os.path.relpath(p, OUT), family=c["fam"], line=line,
                        secret=c["secret"], accept=c["accept"], encoding=c["enc"], crlf=c["crlf"], note=c["note"]))
    with open(os.environ.get("R17_MAN") or os.path.join(os.path.dirname(OUT), "manifest_recall.json"), "w") as f:
        json.dump(man, f, indent=1)
    from collections import Counter
    print(len(man), Counter(m["family"] for m in man))


if __name__ == "__main__":
    write()
