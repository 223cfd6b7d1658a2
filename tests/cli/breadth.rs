//! Provider families added for issue 15's breadth point, each in the kind of file it
//! is committed in: the rule reports it there, and the same file with a stand-in or a
//! lookup in its place reports nothing.

use crate::families::scan_files;

/// (path, text with the credential, text with a stand-in, rule that must report it)
const CASES: &[(&str, &str, &str, &str)] = &[
    (
        "deploy/join-workers.sh",
        "docker swarm join --token SWMTKN-1-y53tgo8lgv97wycxjn0qrdkuizuozxycczwoego1vquoxb6db7-fptq5ful43o17etrv64f4e5i2 10.0.4.10:2377\n",
        "docker swarm join --token \"$(cat /run/secrets/swarm_token)\" 10.0.4.10:2377\n",
        "docker-swarm-join-token",
    ),
    (
        "app/.env.production",
        "APP_NAME=Shop\nAPP_ENV=production\nAPP_KEY=base64:0/0pEyvW3WP9Uk82ifrZZWQ0SWAhwaUMF+vzMDoXFZ4=\n",
        "APP_NAME=Shop\nAPP_ENV=production\nAPP_KEY=\n",
        "laravel-app-key",
    ),
    (
        "ops/filezilla/sitemanager.xml",
        "<FileZilla3><Servers><Server><Host>ftp.acme-corp.com</Host><User>deploy</User><Pass encoding=\"base64\">aVhqRnFBVm93RmdWSw==</Pass></Server></Servers></FileZilla3>\n",
        "<FileZilla3><Servers><Server><Host>ftp.acme-corp.com</Host><User>deploy</User><Pass encoding=\"base64\">{{ ftp_pass }}</Pass></Server></Servers></FileZilla3>\n",
        "filezilla-saved-password",
    ),
    (
        "site/Web.config",
        "<configuration><system.web>\n  <machineKey validationKey=\"2ACF10BD222BD93B10F1FC1863CB43EAEFD17A43024C83592A755F6E6B46A638\" validation=\"HMACSHA256\" />\n</system.web></configuration>\n",
        "<configuration><system.web>\n  <machineKey validationKey=\"AutoGenerate,IsolateApps\" validation=\"HMACSHA256\" />\n</system.web></configuration>\n",
        "aspnet-machine-key",
    ),
    (
        "sysvol/Policies/Machine/Preferences/Groups/Groups.xml",
        "<Groups><User name=\"Administrator (built-in)\"><Properties action=\"U\" cpassword=\"JVTvnUwi+d7y47StWvrxcIr/vwnZX+KiBm5/FHW58r3\" userName=\"Administrator (built-in)\"/></User></Groups>\n",
        "<Groups><User name=\"Administrator (built-in)\"><Properties action=\"U\" cpassword=\"\" userName=\"Administrator (built-in)\"/></User></Groups>\n",
        "gpp-cpassword",
    ),
    (
        "network/core-sw1.cfg",
        "hostname core-sw1\n!\nusername netops privilege 15 password 7 032B5603252E29154308410A43\n!\n",
        "hostname core-sw1\n!\nusername netops privilege 15 secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM\n!\n",
        "cisco-type7-password",
    ),
    (
        "db/migrations/0007_reporting_user.sql",
        "CREATE USER reporting IDENTIFIED BY 'Ocvll1QoE^IZV4';\nGRANT SELECT ON shop.* TO reporting;\n",
        "CREATE USER reporting IDENTIFIED BY :reporting_password;\nGRANT SELECT ON shop.* TO reporting;\n",
        "sql-create-user-password",
    ),
    (
        "provision/node.sh",
        "kubeadm join 10.0.4.20:6443 --token sqpvyp.nv7qyi5dr7gosc3y --discovery-token-ca-cert-hash sha256:${CA_HASH}\n",
        "kubeadm join 10.0.4.20:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:${CA_HASH}\n",
        "kubernetes-bootstrap-token",
    ),
    (
        "scripts/export_channel.py",
        "SLACK_TOKEN = \"xoxc-2312289114-6147677565140-4528521796345-030c1cb5589b705fe2dac2afaf31e8f6766b11a5cf52ee69002a8d024354ce01\"\n",
        "SLACK_TOKEN = os.environ[\"SLACK_TOKEN\"]\n",
        "slack-session-token",
    ),
    (
        "bot/config.json",
        "{\"region\": \"euw1\", \"riotApiKey\": \"RGAPI-c2fe0840-f58e-4c11-a998-569eed00269f\"}\n",
        "{\"region\": \"euw1\", \"riotApiKey\": \"RGAPI-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\"}\n",
        "riot-games-api-key",
    ),
    (
        "mobile/src/api.ts",
        "const session = { token: 'ory_st_7mqHxh7ZO0iKyQBCutsEFf25ccB5sD9c' };\n",
        "const session = { token: process.env.ORY_SESSION_TOKEN };\n",
        "ory-session-token",
    ),
];

/// The rule ids a scan of `files` reports, with the path of each finding.
pub(crate) fn scan(files: &[(&str, &str)]) -> Vec<(String, String)> {
    let (_, findings) = scan_files(files.iter().map(|(p, t)| (*p, t.to_string())));
    findings
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Every case's rule reports the credential in the case's file.
pub(crate) fn assert_each_reported(cases: &[(&str, &str, &str, &str)]) {
    let found = scan(&cases.iter().map(|c| (c.0, c.1)).collect::<Vec<_>>());
    for (path, _, _, rule) in cases {
        assert!(
            found.iter().any(|(r, p)| r == rule && p.ends_with(path)),
            "{rule} not reported in {path}: {found:?}"
        );
    }
}

/// Nothing is reported in the cases' files with the stand-ins in place.
pub(crate) fn assert_stand_ins_quiet(cases: &[(&str, &str, &str, &str)]) {
    let found = scan(&cases.iter().map(|c| (c.0, c.2)).collect::<Vec<_>>());
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn each_added_family_is_reported_in_the_file_it_is_committed_in() {
    assert_each_reported(CASES);
}

#[test]
fn stand_ins_and_lookups_in_the_same_files_are_not_reported() {
    assert_stand_ins_quiet(CASES);
}
