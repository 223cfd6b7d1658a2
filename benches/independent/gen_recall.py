#!/usr/bin/env python3
"""Adversary recall cases for leakhound issue 15 (hand-written templates, random bodies from `secrets`).
Every credential here is fake: random characters of the right alphabet and length."""
import secrets, string, json, os, base64, zlib, sys
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), 'cases', 'recall')
A62 = string.ascii_letters + string.digits
HEX = '0123456789abcdef'
LOW36 = string.ascii_lowercase + string.digits
def r(alpha, n): return ''.join(secrets.choice(alpha) for _ in range(n))
def pw(n=16, punct='!#%^*~-_'):
    if os.environ.get('ADV_PLAIN'): punct = ''
    while True:
        s = r(string.ascii_letters + string.digits + punct, n)
        if (not punct or any(c in punct for c in s)) and any(c.isdigit() for c in s) and any(c.isupper() for c in s) and any(c.islower() for c in s):
            return s
def pw_plain(n=18):
    while True:
        s = r(A62, n)
        if any(c.isdigit() for c in s) and any(c.isupper() for c in s): return s
def uuid(): h = r(HEX, 32); return f'{h[:8]}-{h[8:12]}-4{h[13:16]}-{secrets.choice("89ab")}{h[17:20]}-{h[20:]}'
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
def b62(n, w=6):
    s = ''
    for _ in range(w): s = B62[n % 62] + s; n //= 62
    return s
def ghp(prefix='ghp_'):
    body = r(A62, 30); return prefix + body + b62(zlib.crc32(body.encode()))
def slack_bot(): return f'xoxb-{r(string.digits,12)}-{r(string.digits,13)}-{r(A62,24)}'
def stripe(): return 'sk_live_' + r(A62, 99)
def aws_id(): return 'AKIA' + r(string.ascii_uppercase + '234567', 16)
def aws_secret(): return r(A62 + '+/', 40)

cases = []
def add(family, path, content, secret, note='', enc='utf-8'):
    cases.append(dict(family=family, path=path, secret=secret, note=note, content=content, enc=enc))

# ---------------- F1: default values in environment lookups ----------------
F = 'env-default'
p = pw(); add(F, 'py_getenv/settings.py', f'''import os

DATABASES = {{
    "default": {{
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.getenv("DB_NAME", "shop"),
        "USER": os.getenv("DB_USER", "shop"),
        "PASSWORD": os.getenv("DB_PASSWORD", "{p}"),
        "HOST": os.getenv("DB_HOST", "localhost"),
    }}
}}
''', p, 'os.getenv default')
p = pw_plain(24); add(F, 'py_environ_get/config.py', f'''import os


class Config:
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SECRET_KEY = os.environ.get('FLASK_SECRET_KEY', '{p}')
    MAIL_SERVER = os.environ.get('MAIL_SERVER', 'smtp.mailgun.org')
''', p, 'os.environ.get default')
t = slack_bot(); add(F, 'py_environ_get_token/notify.py', f'''import os
from slack_sdk import WebClient

client = WebClient(token=os.environ.get("SLACK_TOKEN",
                                        "{t}"))


def post(channel, text):
    return client.chat_postMessage(channel=channel, text=text)
''', t, 'environ.get default on next line')
p = pw(); add(F, 'js_or/db.js', f'''const {{ Pool }} = require('pg');

const pool = new Pool({{
  host: process.env.PGHOST || 'localhost',
  user: process.env.PGUSER || 'api',
  password: process.env.PGPASSWORD || '{p}',
  database: process.env.PGDATABASE || 'api',
}});

module.exports = pool;
''', p, 'process.env || literal')
p = pw_plain(32); add(F, 'ts_nullish/src/config.ts', f'''export const config = {{
  port: Number(process.env.PORT ?? 3000),
  jwtSecret: process.env.JWT_SECRET ?? "{p}",
  redisUrl: process.env.REDIS_URL ?? "redis://localhost:6379",
}};
''', p, 'TS ?? literal')
t = 'sk_live_' + r(A62, 24); add(F, 'js_or_stripe/payments.js', f'''import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY || "{t}", {{
  apiVersion: "2023-10-16",
}});
export default stripe;
''', t, 'stripe || default')
p = pw(); add(F, 'sh_default/run.sh', f'''#!/usr/bin/env bash
set -euo pipefail

DB_HOST="${{DB_HOST:-127.0.0.1}}"
DB_PASS="${{DB_PASS:-{p}}}"

pg_dump -h "$DB_HOST" -U backup "$DB_NAME" | gzip > /backups/$(date +%F).sql.gz
''', p, 'shell ${X:-literal}')
p = pw(); add(F, 'compose_default/docker-compose.yml', f'''version: "3.8"
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD: ${{POSTGRES_PASSWORD:-{p}}}
    volumes:
      - pgdata:/var/lib/postgresql/data
volumes:
  pgdata:
''', p, 'compose ${X:-literal}')
p = pw_plain(20); add(F, 'compose_default_list/docker-compose.yaml', f'''services:
  api:
    build: .
    environment:
      - NODE_ENV=production
      - API_TOKEN=${{API_TOKEN:-{p}}}
    ports:
      - "8080:8080"
''', p, 'compose list ${X:-literal}')
p = pw(); add(F, 'rb_fetch/config/initializers/smtp.rb', f'''ActionMailer::Base.smtp_settings = {{
  address: ENV.fetch("SMTP_HOST", "smtp.sendgrid.net"),
  port: 587,
  user_name: ENV.fetch("SMTP_USER", "apikey"),
  password: ENV.fetch("SMTP_PASSWORD", "{p}"),
  authentication: :plain,
}}
''', p, 'ENV.fetch default')
p = pw(); add(F, 'rb_fetch_block/config/database.rb', f'''DB = Sequel.connect(
  adapter: "postgres",
  user: ENV.fetch("DATABASE_USER") {{ "app" }},
  password: ENV.fetch("DATABASE_PASSWORD") {{ "{p}" }},
  host: ENV["DATABASE_HOST"]
)
''', p, 'ENV.fetch block default')
p = pw(); add(F, 'java_getordefault/src/main/java/com/acme/Db.java', f'''package com.acme;

import java.util.Map;

public final class Db {{
    private static final Map<String, String> ENV = System.getenv();

    static String password() {{
        return ENV.getOrDefault("DB_PASSWORD", "{p}");
    }}
}}
''', p, 'getOrDefault')
p = pw(); add(F, 'java_getenv_ternary/src/main/java/com/acme/Mail.java', f'''package com.acme;

public class Mail {{
    static String smtpPassword() {{
        String v = System.getenv("SMTP_PASSWORD");
        return v != null ? v : "{p}";
    }}
}}
''', p, 'getenv ternary fallback')
t = r(HEX, 32); add(F, 'go_viper/cmd/root.go', f'''package cmd

import "github.com/spf13/viper"

func initConfig() {{
	viper.SetDefault("server.port", 8080)
	viper.SetDefault("datadog.api_key", "{t}")
	viper.SetDefault("db.password", "postgres")
	viper.AutomaticEnv()
}}
''', t, 'viper.SetDefault dotted key')
p = pw(); add(F, 'go_getenv_fallback/internal/config/config.go', f'''package config

import "os"

func getenv(key, fallback string) string {{
	if v, ok := os.LookupEnv(key); ok {{
		return v
	}}
	return fallback
}}

var DBPassword = getenv("DB_PASSWORD", "{p}")
''', p, 'Go getenv helper fallback')
p = pw(); add(F, 'php_getenv/config/app.php', f'''<?php

return [
    'db' => [
        'host' => getenv('DB_HOST') ?: '127.0.0.1',
        'password' => getenv('DB_PASSWORD') ?: '{p}',
    ],
];
''', p, 'PHP getenv ?: literal')
p = pw(); add(F, 'php_laravel_env/config/mail.php', f'''<?php

return [
    'mailers' => [
        'smtp' => [
            'transport' => 'smtp',
            'host' => env('MAIL_HOST', 'smtp.mailgun.org'),
            'username' => env('MAIL_USERNAME', 'postmaster@mg.acme-corp.com'),
            'password' => env('MAIL_PASSWORD', '{p}'),
        ],
    ],
];
''', p, 'Laravel env() default')
p = pw(); add(F, 'cs_nullcoalesce/Startup.cs', f'''using System;

namespace Acme.Api
{{
    public static class Secrets
    {{
        public static string RedisPassword =>
            Environment.GetEnvironmentVariable("REDIS_PASSWORD") ?? "{p}";
    }}
}}
''', p, 'C# ?? literal')
p = pw(); add(F, 'kt_elvis/src/main/kotlin/Config.kt', f'''package com.acme

object Config {{
    val dbUrl: String = System.getenv("DB_URL") ?: "jdbc:postgresql://localhost:5432/app"
    val dbPassword: String = System.getenv("DB_PASSWORD") ?: "{p}"
}}
''', p, 'Kotlin ?: literal')
p = pw(); add(F, 'rs_unwrap_or/src/config.rs', f'''use std::env;

pub struct Settings {{
    pub database_password: String,
}}

impl Settings {{
    pub fn from_env() -> Self {{
        Self {{
            database_password: env::var("DATABASE_PASSWORD")
                .unwrap_or_else(|_| "{p}".to_string()),
        }}
    }}
}}
''', p, 'Rust unwrap_or_else')
p = pw(); add(F, 'dockerfile_arg/Dockerfile', f'''FROM python:3.12-slim
ARG PIP_INDEX_PASSWORD={p}
ENV PIP_INDEX_URL=https://ci:${{PIP_INDEX_PASSWORD}}@pypi.acme-corp.com/simple
COPY requirements.txt .
RUN pip install -r requirements.txt
''', p, 'Dockerfile ARG default')
p = pw(); add(F, 'helm_default/templates/deployment.yaml', f'''apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{{{ .Release.Name }}}}-api
spec:
  template:
    spec:
      containers:
        - name: api
          image: "acme/api:{{{{ .Values.image.tag }}}}"
          env:
            - name: DB_PASSWORD
              value: {{{{ .Values.db.password | default "{p}" | quote }}}}
''', p, 'Helm | default literal')
p = pw(); add(F, 'ps1_default/deploy.ps1', f'''param(
    [string]$Server = "sql01.acme-corp.com",
    [string]$SqlPassword = $env:SQL_PASSWORD
)
if (-not $SqlPassword) {{ $SqlPassword = "{p}" }}
Invoke-Sqlcmd -ServerInstance $Server -Username deploy -Password $SqlPassword -InputFile .\\migrate.sql
''', p, 'PowerShell fallback')
p = pw(); add(F, 'makefile_default/Makefile', f'''REGISTRY ?= registry.acme-corp.com
REGISTRY_PASSWORD ?= {p}

login:
\tdocker login $(REGISTRY) -u ci -p $(REGISTRY_PASSWORD)
''', p, 'Makefile ?=')
t = r(HEX, 32); add(F, 'py_getenv_dd/monitoring.py', f'''import os
from datadog import initialize

initialize(
    api_key=os.getenv("DD_API_KEY", "{t}"),
    app_key=os.getenv("DD_APP_KEY"),
)
''', t, 'datadog key as getenv default (name is the env var)')

# ---------------- F2: name and value on different lines ----------------
F = 'name-value-lines'
t = r(HEX, 32); add(F, 'k8s_env/deploy/agent.yaml', f'''apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: datadog-agent
spec:
  template:
    spec:
      containers:
        - name: agent
          image: gcr.io/datadoghq/agent:7
          env:
            - name: DD_SITE
              value: datadoghq.eu
            - name: DD_API_KEY
              value: "{t}"
''', t, 'k8s env name/value DD_API_KEY')
p = pw(); add(F, 'k8s_env_pw/deploy/api.yaml', f'''apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders-api
spec:
  template:
    spec:
      containers:
      - name: orders
        image: acme/orders:1.4.2
        env:
        - name: SPRING_DATASOURCE_USERNAME
          value: orders
        - name: SPRING_DATASOURCE_PASSWORD
          value: {p}
''', p, 'k8s env unquoted password')
p = pw(); add(F, 'ecs_taskdef/taskdef.json', json.dumps({"family": "orders", "containerDefinitions": [{"name": "orders", "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders:latest", "memory": 512, "environment": [{"name": "NODE_ENV", "value": "production"}, {"name": "DB_PASSWORD", "value": p}]}]}, indent=2) + '\n', p, 'ECS name/value')
t = 'sk_live_' + r(A62, 24); add(F, 'ecs_taskdef_valuefirst/task-definition.json', '''{
  "containerDefinitions": [
    {
      "name": "billing",
      "environment": [
        {
          "value": "%s",
          "name": "STRIPE_API_KEY"
        }
      ]
    }
  ]
}
''' % t, t, 'ECS value before name (stripe prefix anyway)')
p = pw(); add(F, 'ecs_taskdef_valuefirst_pw/task-definition.json', '''{
  "containerDefinitions": [
    {
      "name": "worker",
      "environment": [
        {
          "value": "%s",
          "name": "RABBITMQ_PASSWORD"
        }
      ]
    }
  ]
}
''' % p, p, 'ECS value before name, generic password')
p = pw(); add(F, 'tf_var_default/variables.tf', f'''variable "db_password" {{
  description = "Password for the RDS master user"
  type        = string
  sensitive   = true
  default     = "{p}"
}}
''', p, 'Terraform variable default')
t = r(HEX, 40); add(F, 'tf_var_default_dd/datadog.tf', f'''variable "datadog_app_key" {{
  type    = string
  default = "{t}"
}}

provider "datadog" {{
  app_key = var.datadog_app_key
}}
''', t, 'Terraform datadog app key default')
p = pw(); add(F, 'xml_keyvalue/config/settings.xml', f'''<?xml version="1.0" encoding="UTF-8"?>
<settings>
  <entry>
    <key>smtp.password</key>
    <value>{p}</value>
  </entry>
</settings>
''', p, 'XML key/value elements')
p = pw(); add(F, 'xml_add/Web.config', f'''<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    <add key="Environment" value="Production" />
    <add
        key="PaymentGatewayPassword"
        value="{p}" />
  </appSettings>
</configuration>
''', p, '<add> across lines')
p = pw(); add(F, 'xml_add_valuefirst/App.config', f'''<configuration>
  <appSettings>
    <add value="{p}" key="SmtpPassword" />
  </appSettings>
</configuration>
''', p, '<add value= key=> reversed')
p = pw_plain(20); add(F, 'properties_cont/src/main/resources/application.properties', f'''spring.application.name=orders
spring.datasource.url=jdbc:postgresql://db.acme-corp.com:5432/orders
spring.datasource.username=orders
spring.datasource.password=\\
    {p}
''', p, 'properties continued line')
p = pw(); add(F, 'ini_section/conf/app.ini', f'''[server]
port = 8080

[database]
host = db01.acme-corp.com
user = app
password = {p}
''', p, 'INI section password')
p = pw(); add(F, 'spring_yaml/src/main/resources/application.yml', f'''spring:
  datasource:
    url: jdbc:mysql://mysql.acme-corp.com:3306/shop
    username: shop
    password: "{p}"
''', p, 'nested yaml password')
p = pw(); add(F, 'appsettings_nested/appsettings.Production.json', f'''{{
  "Logging": {{ "LogLevel": {{ "Default": "Warning" }} }},
  "Smtp": {{
    "Host": "smtp.office365.com",
    "User": "noreply@acme-corp.com",
    "Password": "{p}"
  }}
}}
''', p, 'appsettings nested Password')
p = pw(); add(F, 'postman_env/acme.postman_environment.json', '''{
  "id": "%s",
  "name": "acme-prod",
  "values": [
    {
      "key": "client_secret",
      "value": "%s",
      "type": "secret",
      "enabled": true
    }
  ]
}
''' % (uuid(), p), p, 'postman key/value')
p = pw(); add(F, 'cfn_param/template.yaml', f'''AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DBPassword:
    Type: String
    NoEcho: true
    Default: "{p}"
Resources:
  DB:
    Type: AWS::RDS::DBInstance
''', p, 'CloudFormation parameter Default')
p = pw(); add(F, 'gha_env/.github/workflows/deploy.yml', f'''name: deploy
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      REGISTRY_PASSWORD: {p}
    steps:
      - uses: actions/checkout@v4
''', p, 'GHA env')
p = pw(); add(F, 'toml_section/config/production.toml', f'''[server]
bind = "0.0.0.0:8080"

[database]
url = "postgres://app@db.acme-corp.com/app"
password = "{p}"
''', p, 'TOML section')
p = pw(); add(F, 'ansible_vars/group_vars/db.yml', f'''---
postgresql_users:
  - name: app
    password: "{p}"
    db: app
''', p, 'ansible list item password')
t = r(HEX, 32); add(F, 'helm_values/values.yaml', f'''datadog:
  site: datadoghq.com
  apiKey: {t}
  clusterName: prod-eu
''', t, 'helm values datadog.apiKey nested')
p = pw(); add(F, 'json_kv_pair/config/secrets.json', '''[
  {"Key": "ApiSecret",
   "Value": "%s"}
]
''' % p, p, 'JSON Key/Value pair')
p = pw(); add(F, 'xml_spring/src/main/resources/applicationContext.xml', f'''<beans>
  <bean id="dataSource" class="org.apache.commons.dbcp2.BasicDataSource">
    <property name="url" value="jdbc:mysql://db.acme-corp.com:3306/app"/>
    <property name="username" value="app"/>
    <property name="password" value="{p}"/>
  </bean>
</beans>
''', p, 'Spring <property name=password value=>')
p = pw(); add(F, 'maven_settings/settings.xml', f'''<settings>
  <servers>
    <server>
      <id>nexus-releases</id>
      <username>deployer</username>
      <password>{p}</password>
    </server>
  </servers>
</settings>
''', p, 'maven settings.xml password element')

# ---------------- F3: URLs and connection strings ----------------
F = 'url-connstr'
def urlpw():
    # a password holding an unescaped special char from the issue's list
    while True:
        s = pw(16, '#^~!*')
        if os.environ.get('ADV_PLAIN') or any(c in '#^~!*' for c in s): return s
p = urlpw() + '@x'; p = p[:-2]
p = r(A62, 6) + '@' + r(A62, 3) + '#' + r(A62, 6); add(F, 'url_at_hash/.env.production', f'''DATABASE_URL=postgres://orders:{p}@db-prod.acme-corp.com:5432/orders
''', p, 'password with @ and #')
p = urlpw(); add(F, 'url_mysql_caret/settings.py', f'''SQLALCHEMY_DATABASE_URI = "mysql+pymysql://shop:{p}@mysql01.acme-corp.com:3306/shop"
''', p, 'mysql url special chars')
p = r(A62, 8) + '%' + r('ghijklmnopqrstuvwxyz', 1) + r(A62, 7); add(F, 'url_percent/config.yaml', f'''database:
  url: postgresql://report:{p}@pg-replica.acme-corp.com/warehouse
''', p, '% not followed by hex')
p = pw_plain(20); add(F, 'url_mongo_srv/src/db.js', f'''const mongoose = require("mongoose");
mongoose.connect("mongodb+srv://app-user:{p}@cluster0.x8k2p.mongodb.net/prod?retryWrites=true&w=majority");
''', p, 'mongodb+srv')
p = pw_plain(24); add(F, 'url_redis_nouser/config/cache.rb', f'''Rails.application.config.cache_store = :redis_cache_store, {{ url: "redis://:{p}@redis.acme-corp.com:6379/1" }}
''', p, 'redis :pass@')
p = urlpw(); add(F, 'url_amqp/celeryconfig.py', f'''broker_url = "amqp://worker:{p}@rabbitmq.acme-corp.com:5672/prod"
result_backend = "rpc://"
''', p, 'amqp')
p = pw(); add(F, 'ldap_bind/scripts/sync-users.sh', f'''#!/bin/sh
ldapsearch -LLL -H ldaps://ldap.acme-corp.com \\
  -D "cn=sync,ou=services,dc=acme,dc=com" -w '{p}' \\
  -b "ou=people,dc=acme,dc=com" "(objectClass=person)" mail
''', p, 'ldapsearch continued lines -w')
p = pw(); add(F, 'ldap_python/ldap_sync.py', f'''import ldap3

server = ldap3.Server("ldaps://ldap.acme-corp.com")
conn = ldap3.Connection(server, user="cn=admin,dc=acme,dc=com", password="{p}", auto_bind=True)
''', p, 'ldap3 bind password kwarg')
p = pw(); add(F, 'adonet/appsettings.json', f'''{{
  "ConnectionStrings": {{
    "Default": "Server=sql-prod.acme-corp.com;Database=Shop;User Id=shop_app;Password={p};TrustServerCertificate=True"
  }}
}}
''', p, 'ADO.NET Password=')
p = pw(); add(F, 'odbc_pwd/etl/load.py', f'''import pyodbc

conn = pyodbc.connect(
    "DRIVER={{ODBC Driver 18 for SQL Server}};SERVER=sql02.acme-corp.com;DATABASE=dw;UID=etl;PWD={p}"
)
''', p, 'ODBC PWD= ')
p = pw(); add(F, 'odbc_pwd_braces/etl/load2.py', f'''import pyodbc
cs = "Driver={{ODBC Driver 17 for SQL Server}};Server=tcp:sql03.acme-corp.com,1433;Uid=loader;Pwd={{{p}}};Encrypt=yes;"
conn = pyodbc.connect(cs)
''', p, 'ODBC Pwd={...} braces')
p = urlpw(); add(F, 'jdbc_qs/src/main/resources/db.properties', f'''jdbc.url=jdbc:postgresql://pg.acme-corp.com:5432/billing?user=billing&password={p}&sslmode=require
''', p, 'jdbc ?password=')
p = pw(); add(F, 'jdbc_oracle/src/main/resources/oracle.properties', f'''db.url=jdbc:oracle:thin:scott/{p}@//oracle.acme-corp.com:1521/ORCLPDB1
''', p, 'jdbc oracle thin user/pass@')
p = pw(); add(F, 'pgpass/.pgpass', f'''# hostname:port:database:username:password
db-prod.acme-corp.com:5432:orders:orders_rw:{p}
''', p, '.pgpass line')
p = pw(); add(F, 'mycnf/.my.cnf', f'''[client]
user=backup
password="{p}"
host=mysql-primary.acme-corp.com
''', p, '.my.cnf')
p = pw(); add(F, 'netrc/.netrc', f'''machine artifacts.acme-corp.com
login deploy
password {p}
''', p, '.netrc')
p = pw(); add(F, 'go_dsn/internal/db/db.go', f'''package db

import (
	"database/sql"
	_ "github.com/go-sql-driver/mysql"
)

func Open() (*sql.DB, error) {{
	return sql.Open("mysql", "shop:{p}@tcp(mysql.acme-corp.com:3306)/shop?parseTime=true")
}}
''', p, 'Go MySQL DSN user:pass@tcp()')
p = pw(); add(F, 'oracle_ezconnect/scripts/export.sh', f'''#!/bin/bash
sqlplus -s reporting/{p}@oracle.acme-corp.com:1521/ORCLPDB1 @export.sql
''', p, 'sqlplus user/pass@host')
p = urlpw(); add(F, 'smtp_url/config/mailer.yml', f'''production:
  dsn: "smtp://noreply%40acme-corp.com:{p}@smtp.office365.com:587"
''', p, 'smtp url with %40 user')
p = pw(); add(F, 'pg_kv/app/db.py', f'''import psycopg2

conn = psycopg2.connect("host=pg.acme-corp.com port=5432 dbname=app user=app password={p} sslmode=require")
''', p, 'libpq key=value conninfo')
p = pw(); add(F, 'npgsql/src/Data/Db.cs', f'''namespace Acme.Data;

public static class Db
{{
    public const string ConnectionString =
        "Host=pg.acme-corp.com;Port=5432;Database=crm;Username=crm;Password={p}";
}}
''', p, 'Npgsql Host=;Password=')
p = pw(); add(F, 'url_many_at/.env', f'''SENTRY_RELAY=https://relay:{p}@relay.acme-corp.com/
''', p, 'https basic auth url')
p = pw_plain(16) + '!'; add(F, 'url_excl_end/docker-compose.yml', f'''services:
  worker:
    environment:
      CELERY_BROKER_URL: "redis://default:{p}@redis.acme-corp.com:6379/0"
''', p, 'password ending with !')
p = pw(); add(F, 'curl_u/scripts/upload.sh', f'''#!/bin/sh
curl -fsS -u deployer:{p} -T dist/app.tar.gz https://nexus.acme-corp.com/repository/raw/app.tar.gz
''', p, 'curl -u user:pass')
p = pw(); add(F, 'ftp_url/sync.py', f'''from ftplib import FTP
import urllib.request
urllib.request.urlretrieve("ftp://exports:{p}@ftp.acme-corp.com/daily/report.csv", "report.csv")
''', p, 'ftp url')

# ---------------- F4: secret-named settings, any value shape ----------------
F = 'secret-named'
k = r(HEX, 64); add(F, 'aes_hex/config/crypto.py', f'''AES_KEY = "{k}"
AES_IV_LEN = 12
''', k, 'aes_key 64 hex')
k = base64.b64encode(secrets.token_bytes(32)).decode(); add(F, 'encryption_b64/config/production.yml', f'''encryption:
  enabled: true
  encryption_key: "{k}"
''', k, 'encryption_key base64 32B')
k = r(HEX, 48); add(F, 'signing_hex/src/token.go', f'''package auth

var signingKey = []byte("{k}")
''', k, 'signingKey 48 hex in []byte()')
p = pw(20, '!@#$%^&*()'); add(F, 'conf_punct/etc/app.conf', f'''# application settings
listen 0.0.0.0:9000
admin_password {p}
log_level info
''', p, 'space-separated .conf')
p = pw(); add(F, 'compose_env_map/docker-compose.yml', f'''version: "3"
services:
  mysql:
    image: mysql:8
    environment:
      MYSQL_ROOT_PASSWORD: "{p}"
      MYSQL_DATABASE: app
''', p, 'compose MYSQL_ROOT_PASSWORD')
p = pw(); add(F, 'ps_securestring/scripts/New-Svc.ps1', f'''$user = "ACME\\svc_backup"
$secure = ConvertTo-SecureString "{p}" -AsPlainText -Force
$cred = New-Object System.Management.Automation.PSCredential($user, $secure)
New-PSDrive -Name B -PSProvider FileSystem -Root \\\\backup01\\share -Credential $cred
''', p, 'ConvertTo-SecureString')
p = pw(); add(F, 'ps_securestring_string/Set-Creds.ps1', f'''$pw = ConvertTo-SecureString -String '{p}' -AsPlainText -Force
''', p, 'ConvertTo-SecureString -String')
k = base64.b64encode(secrets.token_bytes(64)).decode(); add(F, 'rails_secret_base/config/secrets.yml', f'''production:
  secret_key_base: {r(HEX,128)}
''', None, 'rails secret_key_base 128 hex')
cases[-1]['secret'] = cases[-1]['content'].split('secret_key_base: ')[1].strip()
p = pw_plain(40); add(F, 'express_session/app.js', f'''app.use(session({{
  secret: '{p}',
  resave: false,
  saveUninitialized: false,
}}));
''', p, 'express session secret:')
k = r(HEX, 48); add(F, 'flask_bytes/app/__init__.py', f'''from flask import Flask

app = Flask(__name__)
app.secret_key = b"{k}"
''', k, 'flask secret_key bytes literal')
p = pw(); add(F, 'kt_const/src/main/kotlin/ApiClient.kt', f'''package com.acme.api

private const val CLIENT_SECRET = "{p}"

class ApiClient
''', p, 'kotlin const')
p = pw_plain(32); add(F, 'cs_const/Services/AuthService.cs', f'''namespace Acme.Services
{{
    public class AuthService
    {{
        private const string JwtSigningKey = "{p}";
    }}
}}
''', p, 'C# const JwtSigningKey')
k = r(HEX, 32); add(F, 'hmac_hex_go/webhook.go', f'''package webhook

const hmacSecret = "{k}"
''', k, 'hmacSecret 32 hex Go const')
p = pw(); add(F, 'java_field/src/main/java/com/acme/Ftp.java', f'''package com.acme;

public class Ftp {{
    private String host = "ftp.acme-corp.com";
    private String password = "{p}";
}}
''', p, 'java field password')
p = pw(); add(F, 'php_define/wp-config.php', f'''<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp' );
define( 'DB_PASSWORD', '{p}' );
define( 'DB_HOST', 'localhost' );
''', p, 'wp-config define')
k = r(A62 + '!@#$%^&*()-_[]{}<>~`+=,.;:/?|', 64); k = k.replace("'", 'x'); add(F, 'wp_salts/wp-config-salts.php', f'''<?php
define('AUTH_KEY',         '{k}');
''', k, 'WP AUTH_KEY salt')
p = pw(); add(F, 'rb_hash/config/app.rb', f'''CONFIG = {{
  :api_secret => "{p}",
  :timeout => 30
}}
''', p, 'ruby hashrocket symbol')
p = pw(); add(F, 'rs_const/src/auth.rs', f'''const API_SECRET: &str = "{p}";
''', p, 'rust const')
k = r(HEX, 64); add(F, 'master_key/config/master.key', f'''{k}
''', k, 'rails config/master.key (bare hex, secret filename)')
p = pw(); add(F, 'yaml_unquoted_punct/config/redis.yml', f'''redis:
  host: redis.acme-corp.com
  auth_pass: {p}
''', p, 'auth_pass unusual name')

# ---------------- F5: split and folded values ----------------
F = 'split-folded'
t = ghp(); add(F, 'js_concat/scripts/release.js', f'''const octokit = new Octokit({{
  auth: '{t[:20]}' +
        '{t[20:]}',
}});
''', t, 'JS + across lines')
t = ghp(); add(F, 'py_implicit/tools/sync.py', f'''GITHUB_TOKEN = (
    "{t[:18]}"
    "{t[18:]}"
)
''', t, 'python implicit concat')
t = slack_bot(); add(F, 'go_concat/cmd/notify/main.go', f'''package main

const slackToken = "{t[:25]}" +
	"{t[25:]}"
''', t, 'Go + concat')
t = stripe()[:40]; add(F, 'java_concat/src/main/java/com/acme/Pay.java', f'''public class Pay {{
    static final String KEY = "{t[:20]}"
        + "{t[20:]}";
}}
''', t, 'Java + concat on next line')
p = pw(); add(F, 'cs_concat/Config.cs', f'''public static class Config {{
    public static readonly string DbPassword = "{p[:8]}" +
        "{p[8:]}";
}}
''', p, 'C# password concat')
t = ghp(); add(F, 'yaml_folded/.github/workflows/ci.yml', f'''env:
  GH_TOKEN: >-
    {t}
''', t, 'YAML folded >- (one line)')
t = ghp(); add(F, 'yaml_folded_split/config.yaml', f'''github:
  token: >-
    {t[:20]}{'' }
    {t[20:]}
''', t, 'YAML folded split across lines (folds to a space, not a real join)')
cases[-1]['note'] += ' [ambiguous: >- folds with a space]'
# PEM key in JSON with \n
def fake_pem(kind='RSA PRIVATE KEY', nlines=12):
    body = [base64.b64encode(secrets.token_bytes(48)).decode() for _ in range(nlines)]
    body[0] = 'MIIEpAIBAAKCAQEA' + body[0][16:]
    return f'-----BEGIN {kind}-----', body, f'-----END {kind}-----'
h, b, e = fake_pem(); pem_esc = h + '\\n' + '\\n'.join(b) + '\\n' + e + '\\n'
add(F, 'json_pem_escaped/service-config.json', '{\n  "name": "signer",\n  "private_key": "' + pem_esc + '"\n}\n', b[1], 'PEM in JSON with \\n escapes')
h, b, e = fake_pem(); pem_esc = h + '\\n' + '\\n'.join(b) + '\\n' + e
add(F, 'env_pem_escaped/.env', 'APP_NAME=signer\nJWT_PRIVATE_KEY="' + pem_esc + '"\n', b[1], 'PEM in .env with \\n')
h, b, e = fake_pem('PRIVATE KEY'); add(F, 'yaml_literal_pem/values.yaml', 'tls:\n  key: |\n    ' + h + '\n    ' + '\n    '.join(b) + '\n    ' + e + '\n', b[1], 'YAML literal block PEM')
p = pw_plain(40); add(F, 'yaml_literal_token/config/app.yaml', f'''auth:
  client_secret: |
    {p}
''', p, 'YAML literal block holding a secret')
t = ghp(); add(F, 'ruby_backslash/lib/gh.rb', f'''TOKEN = "{t[:20]}" \\
        "{t[20:]}"
''', t, 'ruby backslash continuation')
t = ghp(); add(F, 'kt_plus/src/main/kotlin/Gh.kt', f'''val token = "{t[:15]}" +
    "{t[15:]}"
''', t, 'Kotlin +')
t = 'xoxp-' + r(string.digits, 12) + '-' + r(string.digits, 12) + '-' + r(string.digits, 13) + '-' + r(HEX, 32); add(F, 'py_plus_paren/bot.py', f'''SLACK_USER_TOKEN = ("{t[:30]}" +
                    "{t[30:]}")
''', t, 'python + in parens')
t = ghp(); add(F, 'shell_concat/ci.sh', f'''TOKEN_A="{t[:20]}"
TOKEN_B="{t[20:]}"
export GITHUB_TOKEN="$TOKEN_A$TOKEN_B"
''', t, 'shell variable join (hard)')
cases[-1]['note'] += ' [hard]'

# ---------------- F6: encoded anywhere ----------------
F = 'encoded'
t = slack_bot(); e = base64.b64encode(t.encode()).decode(); add(F, 'b64_payload/fixtures/event.json', json.dumps({"type": "install", "team": "T0" + r(string.ascii_uppercase + string.digits, 8), "payload": e}, indent=2) + '\n', t, 'base64 slack token in payload')
t = ghp(); e = base64.b64encode(t.encode()).decode(); add(F, 'k8s_secret_gh/secret.yaml', f'''apiVersion: v1
kind: Secret
metadata:
  name: ci
type: Opaque
data:
  github-auth: {e}
''', t, 'k8s data without secret-ish key name')
t = 'sk_live_' + r(A62, 24); e = base64.b64encode(t.encode()).decode(); add(F, 'env_b64/.env', f'''STRIPE_B64={e}
''', t, 'base64 stripe key in env')
t = aws_id(); s = aws_secret(); e = base64.b64encode(f'[default]\naws_access_key_id = {t}\naws_secret_access_key = {s}\n'.encode()).decode(); add(F, 'b64_awsfile/ci/creds.txt', f'''# generated by bootstrap
AWS_CREDENTIALS_FILE_B64="{e}"
''', s, 'base64 of an AWS credentials file')
t = ghp(); e = t.encode().hex(); add(F, 'hex_token/config.ini', f'''[github]
token_hex = {e}
''', t, 'hex-encoded ghp')
t = slack_bot(); e = t.encode().hex(); add(F, 'hex_token_code/bot.py', f'''import binascii
TOKEN = binascii.unhexlify("{e}").decode()
''', t, 'unhexlify')
t = 'glpat-' + r(A62 + '-_', 20); e = base64.urlsafe_b64encode(t.encode()).decode().rstrip('='); add(F, 'b64url_nopad/settings.json', json.dumps({"blob": e, "version": 3}) + '\n', t, 'base64url no padding gitlab pat')
u = 'ci'; p = pw(); e = base64.b64encode(f'{u}:{p}'.encode()).decode(); add(F, 'docker_auth/.docker/config.json', json.dumps({"auths": {"registry.acme-corp.com": {"auth": e}}}, indent=2) + '\n', p, 'docker config auth')
t = ghp(); e = base64.b64encode(t.encode()).decode(); add(F, 'b64_js/src/util.js', f'''const t = atob("{e}");
fetch("https://api.github.com/user", {{ headers: {{ Authorization: `token ${{t}}` }} }});
''', t, 'atob()')
t = 'AKIA' + r(string.ascii_uppercase + '234567', 16); s = aws_secret(); e = base64.b64encode(json.dumps({"AccessKeyId": t, "SecretAccessKey": s}).encode()).decode(); add(F, 'b64_json_aws/terraform.tfvars', f'''bootstrap_creds = "{e}"
''', s, 'base64 of JSON with AWS keys')
t = 'sk-ant-api03-' + r(A62 + '-_', 93) + 'AA'; e = base64.b64encode(t.encode()).decode(); add(F, 'b64_anthropic/config.yaml', f'''llm:
  provider: anthropic
  key_b64: {e}
''', t, 'base64 anthropic key')

# ---------------- F7: provider tokens without prefix, by name ----------------
F = 'no-prefix-by-name'
t = r(HEX, 32); add(F, 'dd_py/monitor.py', f'''from datadog_api_client import Configuration
configuration = Configuration()
configuration.api_key["apiKeyAuth"] = "{t}"
''', t, 'datadog apiKeyAuth (name not DD_API_KEY)')
t = r(HEX, 40); add(F, 'dd_app_py/monitor2.py', f'''configuration.api_key["appKeyAuth"] = "{t}"
''', t, 'datadog appKeyAuth')
t = r(HEX, 32); add(F, 'dd_yaml/datadog.yaml', f'''api_key: {t}
site: datadoghq.com
logs_enabled: true
''', t, 'datadog.yaml api_key (filename)')
t = uuid(); add(F, 'heroku_netrc/.netrc', f'''machine api.heroku.com
  login dev@acme-corp.com
  password {t}
machine git.heroku.com
  login dev@acme-corp.com
  password {t}
''', t, 'heroku netrc uuid')
t = uuid(); add(F, 'heroku_env/.env', f'''HEROKU_API_KEY={t}
''', t, 'HEROKU_API_KEY uuid')
t = r(HEX, 32); add(F, 'algolia_js/search.js', f'''import algoliasearch from "algoliasearch";
const client = algoliasearch("LATVV7CJD2", "{t}");
const index = client.initIndex("products");
index.saveObjects(products);
''', t, 'algolia admin key positional (write op)')
t = r(HEX, 32); add(F, 'algolia_env/.env', f'''ALGOLIA_APP_ID=LATVV7CJD2
ALGOLIA_ADMIN_KEY={t}
''', t, 'ALGOLIA_ADMIN_KEY')
t = r(A62, 44); add(F, 'jira_pat/jira_client.py', f'''from jira import JIRA
jira = JIRA(server="https://jira.acme-corp.com", token_auth="{t}")
''', t, 'Jira DC PAT token_auth')
t = r('abcdefghijklmnopqrstuvwxyz234567', 52); add(F, 'azdo_pat/azure-pipelines-setup.sh', f'''#!/bin/sh
echo "{t}" | az devops login --organization https://dev.azure.com/acme
''', t, 'Azure DevOps PAT piped to az devops login')
t = r('abcdefghijklmnopqrstuvwxyz234567', 52); add(F, 'azdo_pat_env/.env', f'''AZURE_DEVOPS_EXT_PAT={t}
''', t, 'AZURE_DEVOPS_EXT_PAT')
t = r(A62 + 'JQ', 84); add(F, 'azdo_pat_new/.env', f'''AZURE_DEVOPS_PAT={t}
''', t, 'new 84-char ADO PAT shape (…AZDO…)')
t = '00' + r(A62 + '-_', 40); add(F, 'okta_yaml/okta.yaml', f'''okta:
  client:
    orgUrl: https://acme.okta.com
    token: {t}
''', t, 'okta.yaml client.token')
t = '00' + r(A62 + '-_', 40); add(F, 'okta_env/.env', f'''OKTA_API_TOKEN={t}
''', t, 'OKTA_API_TOKEN')
t = r(HEX, 32); add(F, 'twilio_auth/sms.py', f'''from twilio.rest import Client
account_sid = "AC{r(HEX,32)}"
auth_token = "{t}"
client = Client(account_sid, auth_token)
''', t, 'twilio auth_token')
t = r(HEX, 32); add(F, 'mailgun_key/mail.py', f'''import requests
MAILGUN_API_KEY = "{t}-{r(HEX,8)}-{r(HEX,8)}"
''', None, 'mailgun new-format key')
cases[-1]['secret'] = cases[-1]['content'].split('"')[1]
t = '11' + r(HEX, 32); add(F, 'jenkins/Jenkinsfile.groovy', f'''def jenkinsApiToken = "{t}"
''', t, 'jenkins api token')
t = r(A62, 24); add(F, 'atlassian_cloud_old/bitbucket.sh', f'''curl -u dev@acme-corp.com:{t} https://acme.atlassian.net/rest/api/3/myself
''', t, 'old 24-char Atlassian API token via curl -u on atlassian.net')

# ---------------- F8: file encodings ----------------
F = 'file-encoding'
p = pw(); add(F, 'latin1_py/réglages.py', f'''# -*- coding: latin-1 -*-
# Paramètres de la base de données : ne pas modifier à la main
MOT_DE_PASSE_BD = "{p}"
DB_PASSWORD = "{p}"
''', p, 'latin-1 file', enc='latin-1')
p = pw(); add(F, 'cp1252_smartquotes/notes.txt', f'''Prod DB credentials (don’t share):
password: “{p}”
''', p, 'cp1252 smart quotes around value', enc='cp1252')
t = ghp(); add(F, 'cp1252_token/deploy.ini', f'''; Überprüfung – Zugangsdaten für das Deployment
[github]
token = {t}
''', t, 'cp1252 umlaut + ghp', enc='cp1252')
p = pw(); add(F, 'crlf_env/.env', f'''APP_ENV=production\r\nDB_PASSWORD={p}\r\nDB_HOST=db.acme-corp.com\r\n''', p, 'CRLF .env')
p = pw(); add(F, 'crlf_k8s/deploy.yaml', f'''env:\r\n  - name: DB_PASSWORD\r\n    value: "{p}"\r\n''', p, 'CRLF k8s name/value')
p = pw(); add(F, 'crlf_pgpass/pgpass.conf', f'''db.acme-corp.com:5432:*:app:{p}\r\n''', p, 'CRLF pgpass')
p = pw(); add(F, 'crlf_ini/my.ini', f'''[client]\r\nuser=root\r\npassword={p}\r\n''', p, 'CRLF my.ini')
t = ghp()
nb = {"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [], "source": ["import requests\n", f"headers = {{\"Authorization\": \"token {t}\"}}\n", "r = requests.get(\"https://api.github.com/user\", headers=headers)\n"]}], "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}
add(F, 'ipynb_ghp/analysis.ipynb', json.dumps(nb, indent=1) + '\n', t, 'ipynb source with escaped quotes')
p = pw()
nb = {"cells": [{"cell_type": "code", "execution_count": 2, "metadata": {}, "outputs": [], "source": ["import psycopg2\n", f"conn = psycopg2.connect(host=\"db.acme-corp.com\", user=\"analyst\", password=\"{p}\")\n"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
add(F, 'ipynb_pw/explore.ipynb', json.dumps(nb, indent=1) + '\n', p, 'ipynb password kwarg')
p = pw(); u = f'postgresql://analyst:{p}@warehouse.acme-corp.com:5432/dw'
nb = {"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {}, "outputs": [{"output_type": "stream", "name": "stdout", "text": [f"Connecting to {u}\n"]}], "source": ["%load_ext sql\n", "%sql $DW_URL\n"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
add(F, 'ipynb_output/warehouse.ipynb', json.dumps(nb, indent=1) + '\n', p, 'ipynb output text url')
t = r(HEX, 32)
nb = {"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [], "source": ["import os\n", f"os.environ[\"DD_API_KEY\"] = \"{t}\"\n"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
add(F, 'ipynb_dd/dd.ipynb', json.dumps(nb, indent=1) + '\n', t, 'ipynb os.environ["DD_API_KEY"] = (escaped quotes)')
t = ghp(); js = 'var e=function(){' + ';'.join(f'var a{i}=n.call(t,{i})' for i in range(300)) + f';return{{baseUrl:"https://api.github.com",token:"{t}",retries:3}}}}();' + 'function x(n){return n&&n.__esModule?n.default:n}' * 200
add(F, 'minjs_ghp/dist/app.min.js', js + '\n', t, 'minified JS ghp')
p = pw_plain(24); js = '!function(e){' + ';'.join(f'e.f{i}=function(t){{return t*{i}}}' for i in range(400)) + f'}}(window);var cfg={{apiUrl:"https://api.acme-corp.com",apiSecret:"{p}",debug:!1}};' + 'function y(n){return n}' * 300
add(F, 'minjs_secret/dist/main.min.js', js + '\n', p, 'minified JS apiSecret:')
t = r(HEX, 32); js = 'window.__CFG__=' + json.dumps({"env": "prod", "datadog": {"clientToken": "pub" + r(HEX, 32)}, "algoliaAdminKey": t}, separators=(',', ':')) + ';' + 'var a=1;' * 500
add(F, 'minjs_algolia/public/config.min.js', js + '\n', t, 'minified algoliaAdminKey')
p = pw(); add(F, 'utf8bom/appsettings.json', '\ufeff{\n  "Db": { "Password": "' + p + '" }\n}\n', p, 'UTF-8 BOM json')
p = pw(); add(F, 'utf16_ps1/Setup.ps1', f'''$Password = "{p}"\r\nNew-LocalUser -Name svc -Password (ConvertTo-SecureString $Password -AsPlainText -Force)\r\n''', p, 'UTF-16LE with BOM (bonus: Windows PowerShell default)', enc='utf-16')
t = ghp(); add(F, 'latin1_url/conf.properties', f'''# Configuración de producción, contraseña del depósito
repo.url=https://builder:{t}@github.com/acme/señal.git
''', t, 'latin-1 url with ghp', enc='latin-1')

# ---------------- write ----------------
os.makedirs(OUT, exist_ok=True)
man = []
for i, c in enumerate(cases):
    d = os.path.join(OUT, c['family'], c['path'])
    os.makedirs(os.path.dirname(d), exist_ok=True)
    with open(d, 'wb') as f:
        f.write(c['content'].encode(c['enc']))
    man.append({k: v for k, v in c.items() if k != 'content'} | {'file': os.path.relpath(d, OUT)})
json.dump(man, open(os.path.join(OUT, '..', os.environ.get('ADV_MANIFEST', 'recall_manifest.json')), 'w'), indent=1)
print(len(man), 'cases')
