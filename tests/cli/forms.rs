//! Credentials in the forms scripts and configuration write them without a secret name
//! beside the value (issue 15): passwords given to commands as flags, connection strings
//! of Oracle, ODBC and the Go MySQL driver, code inside Jupyter notebooks, and lookup
//! defaults of Ruby blocks and Helm templates.

use super::*;

use super::hidden_shapes::found;

type Found = [(String, u64, String, String)];

/// Asserts that each (path, rule id, secret) is among the locations `found` in a scan.
fn assert_found(f: &Found, want: &[(&str, &str, &str)]) {
    for (path, rule, secret) in want {
        assert!(
            f.iter()
                .any(|x| x.0 == *path && x.2 == *rule && x.3 == *secret),
            "{path} {rule}: {f:?}"
        );
    }
}

#[test]
fn passwords_given_to_commands_as_flags_are_found() {
    let d = Dir::new();
    d.write(
        "backup.sh",
        "#!/bin/sh\nset -e\n\
         mysqldump -u backup -pqcnjznalrf0wAfa0 -h db.acme-corp.com --all-databases > all.sql\n\
         PGPASSWORD=QdHnEO0xVTBjBszA3x pg_dump -h pg.acme-corp.com -U backup orders > o.sql\n\
         sshpass -p 'K9GbPXttRl24qi' scp all.sql o.sql ops@10.0.0.5:/backups/\n\
         redis-cli -h cache.acme-corp.com -a xDc1rELVoQ9efy3VMcHj BGSAVE\n\
         aws configure set aws_secret_access_key Nyx0svCuDu7nBixnKgqvY2AOWovVf+nk9bUPQCtS\n",
    );
    d.write(
        ".gitlab-ci.yml",
        "deploy:\n  script:\n    - docker login -u ci -p k8QpWthNoJMLAmxC registry.acme-corp.com\n    \
         - mongosh \"mongodb://mongo.acme-corp.com/shop\" -u app -p 6tioRO75OQknCpid5u --eval 'db.stats()'\n",
    );
    d.write(
        "deploy.ps1",
        "sqlcmd -S sql01.acme-corp.com -U sa -P \"KqboT1xqarDm29AI\" -i migrate.sql\n\
         az login --service-principal -u 3f2b6c1e-8d4a-4f7b-9c2e-5a1d7e9b0c43 -p FwFLRFhZdZRe6mk --tenant acme-corp.onmicrosoft.com\n",
    );
    d.write(
        "Dockerfile",
        "FROM rabbitmq:3-management\n\
         RUN htpasswd -cb /etc/nginx/.htpasswd admin kbFV0jbX2WQgzH2Wv\n\
         RUN rabbitmqctl add_user orders VYLCoPKc0Upt2Cj2\n",
    );
    let f = found(&d);
    assert_found(
        &f,
        &[
            ("backup.sh", "mysql-password-flag", "qcnjznalrf0wAfa0"),
            (
                "backup.sh",
                "database-password-env-prefix",
                "QdHnEO0xVTBjBszA3x",
            ),
            ("backup.sh", "sshpass-password-flag", "K9GbPXttRl24qi"),
            (
                "backup.sh",
                "redis-cli-password-flag",
                "xDc1rELVoQ9efy3VMcHj",
            ),
            (
                "backup.sh",
                "aws-configure-set-secret-key",
                "Nyx0svCuDu7nBixnKgqvY2AOWovVf+nk9bUPQCtS",
            ),
            (
                ".gitlab-ci.yml",
                "registry-login-password-flag",
                "k8QpWthNoJMLAmxC",
            ),
            (
                ".gitlab-ci.yml",
                "mongo-password-flag",
                "6tioRO75OQknCpid5u",
            ),
            ("deploy.ps1", "sqlcmd-password-flag", "KqboT1xqarDm29AI"),
            ("deploy.ps1", "azure-cli-login-password", "FwFLRFhZdZRe6mk"),
            ("Dockerfile", "htpasswd-batch-password", "kbFV0jbX2WQgzH2Wv"),
            (
                "Dockerfile",
                "rabbitmq-add-user-password",
                "VYLCoPKc0Upt2Cj2",
            ),
        ],
    );
}

#[test]
fn command_flags_that_hold_no_literal_password_are_not_reported() {
    let d = Dir::new();
    d.write(
        "ci.sh",
        "mysql -u root -p shop < schema.sql\n\
         mysqldump -u backup -p\"$MYSQL_PASSWORD\" --all-databases\n\
         PGPASSWORD=$DB_PASSWORD psql -h db.acme-corp.com -U app app\n\
         echo \"$CI_REGISTRY_PASSWORD\" | docker login -u ci --password-stdin registry.acme-corp.com\n\
         docker login -u ${{ secrets.DOCKER_USER }} -p ${{ secrets.DOCKER_TOKEN }}\n\
         docker login -u ci -p *** registry.acme-corp.com\n\
         sshpass -e ssh deploy@10.0.0.5\n\
         redis-cli -a \"${REDIS_PASSWORD}\" ping\n\
         sqlcmd -S localhost -U sa -P %SA_PASSWORD% -i init.sql\n\
         htpasswd -cb /etc/nginx/.htpasswd admin \"$ADMIN_PASSWORD\"\n\
         aws configure set aws_secret_access_key \"$AWS_SECRET_ACCESS_KEY\"\n",
    );
    // Documentation showing the flags with stand-in passwords.
    d.write(
        "README.md",
        "Connect with `mysql -u root -p password`, or `mysql -uroot -pmypassword`.\n\n\
         ```\n$ docker login -u user -p <password> registry.example.com\n\
         $ sshpass -p password ssh root@192.168.1.10\n\
         $ rabbitmqctl add_user myuser mypassword\n```\n",
    );
    let f = found(&d);
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn oracle_odbc_go_and_continued_ldap_connection_strings_are_found() {
    let d = Dir::new();
    d.write(
        "oracle.properties",
        "db.url=jdbc:oracle:thin:scott/rze9H0nRbQpWw5FhWR@//oracle.acme-corp.com:1521/ORCLPDB1\n",
    );
    d.write(
        "export.sh",
        "sqlplus -s reporting/if8hAvniLt1vVuEH@oracle.acme-corp.com:1521/ORCLPDB1 @export.sql\n\
         ldapsearch -H ldaps://ldap.acme-corp.com \\\n  -D \"cn=sync,dc=acme,dc=com\" -w QdHnEO0xVTBjBszA3x \\\n  -b \"dc=acme,dc=com\"\n",
    );
    d.write(
        "load.py",
        "cs = \"Driver={ODBC Driver 17};Server=sql03.acme-corp.com;Uid=loader;Pwd={K9GbPXttRl24qi};\"\n",
    );
    d.write(
        "db.go",
        "db, err := sql.Open(\"mysql\", \"shop:xDc1rELVoQ9efy3VMcHj@tcp(mysql.acme-corp.com:3306)/shop\")\n",
    );
    d.write(
        "n.go",
        "dsn := \"root:password@tcp(127.0.0.1:3306)/test\"\n\
         url := \"jdbc:oracle:thin:scott/tiger@//oracle.acme-corp.com:1521/ORCL\"\n",
    );
    let f = found(&d);
    assert_found(
        &f,
        &[
            (
                "oracle.properties",
                "oracle-connect-password",
                "rze9H0nRbQpWw5FhWR",
            ),
            ("export.sh", "oracle-connect-password", "if8hAvniLt1vVuEH"),
            ("export.sh", "ldap-bind-password", "QdHnEO0xVTBjBszA3x"),
            ("load.py", "odbc-braced-password", "K9GbPXttRl24qi"),
            ("db.go", "go-mysql-dsn-password", "xDc1rELVoQ9efy3VMcHj"),
        ],
    );
    assert!(!f.iter().any(|x| x.0 == "n.go"), "{f:?}");
}

#[test]
fn code_in_notebook_cells_is_read_with_its_quotes_unescaped() {
    let d = Dir::new();
    d.write(
        "explore.ipynb",
        "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"source\": [\n    \
         \"import os\\n\",\n    \"password = \\\"kbFV0jbX2WQgzH2Wv\\\"\\n\",\n    \
         \"os.environ[\\\"DD_API_KEY\\\"] = \\\"9e181a72e0bb3e0b00fed444a1b64501\\\"\\n\"\n   ]\n  }\n ]\n}\n",
    );
    d.write(
        "stand_in.ipynb",
        "{\"cells\":[{\"cell_type\":\"code\",\"source\":[\"password = \\\"your_password_here\\\"\\n\"]}]}\n",
    );
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "--show-secrets", "."])
        .output()
        .unwrap();
    let v = json_of(&o);
    let mut at: Vec<(String, u64, u64)> = locations(&v)
        .iter()
        .map(|l| {
            (
                l["path"].as_str().unwrap().trim_start_matches("./").into(),
                l["line"].as_u64().unwrap(),
                l["column"].as_u64().unwrap(),
            )
        })
        .collect();
    at.sort();
    let secrets: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["secret"].as_str().unwrap())
        .collect();
    assert!(secrets.contains(&"kbFV0jbX2WQgzH2Wv"), "{v}");
    assert!(secrets.contains(&"9e181a72e0bb3e0b00fed444a1b64501"), "{v}");
    // Reported where the values are written: lines 7 and 8, after the escaped quote.
    let cols: Vec<(u64, u64)> = at.iter().map(|a| (a.1, a.2)).collect();
    assert!(cols.contains(&(7, 19)), "{at:?}");
    assert!(cols.contains(&(8, 37)), "{at:?}");
    assert!(at.iter().all(|a| a.0 == "explore.ipynb"), "{at:?}");
}

#[test]
fn ruby_block_and_helm_template_defaults_are_found() {
    let d = Dir::new();
    d.write(
        "config/database.rb",
        "password: ENV.fetch(\"DATABASE_PASSWORD\") { \"rze9H0nRbQpWw5FhWR\" }\n",
    );
    d.write(
        "chart/templates/deployment.yaml",
        "env:\n  - name: DB_PASSWORD\n    value: {{ .Values.db.password | default \"if8hAvniLt1vVuEH\" | quote }}\n",
    );
    let f = found(&d);
    let secrets: Vec<&str> = f.iter().map(|x| x.3.as_str()).collect();
    assert!(secrets.contains(&"rze9H0nRbQpWw5FhWR"), "{f:?}");
    assert!(secrets.contains(&"if8hAvniLt1vVuEH"), "{f:?}");
}
