//! Kingfisher provider families from Mo to Z with a distinctive prefix (issue 15,
//! breadth), each in a file of the kind it is committed in: the rule reports it there,
//! and the same file with a stand-in or a lookup in its place reports nothing. Also the
//! two rules that need more than a prefix: a Windows answer file's password spans lines,
//! and a Svix `whsec_` secret shares its prefix with Stripe's.

use crate::breadth::{assert_each_reported, assert_stand_ins_quiet, scan};

/// (path, text with the credential, text with a stand-in, rule that must report it)
const CASES: &[(&str, &str, &str, &str)] = &[
    (
        "image/autounattend.xml",
        "<UserAccounts>\n  <AdministratorPassword>\n    <Value>AQ!Z!Mzc9ByKWf</Value>\n    <PlainText>true</PlainText>\n  </AdministratorPassword>\n</UserAccounts>\n",
        "<UserAccounts>\n  <AdministratorPassword>\n    <Value>*SENSITIVE*DATA*DELETED*</Value>\n    <PlainText>true</PlainText>\n  </AdministratorPassword>\n</UserAccounts>\n",
        "windows-unattend-password",
    ),
    (
        "web/.env.local",
        "CLERK_PUBLISHABLE_KEY=pk_test_Y2xlcmsuZXhhbXBsZS5jb20k\nCLERK_WEBHOOK_SECRET=whsec_e0HlNOV1/14DuhvZGQONr4R8xLRE3yjQ\n",
        "CLERK_PUBLISHABLE_KEY=pk_test_Y2xlcmsuZXhhbXBsZS5jb20k\nCLERK_WEBHOOK_SECRET=${CLERK_WEBHOOK_SECRET}\n",
        "svix-webhook-secret",
    ),
    (
        "worker/gpu.py",
        "import runpod\n\nrunpod.api_key = \"rpa_YNMJOJ7ID4GL6SWZ1RXD7JNGTTG137UG5QFAJ32Nhusled\"\n",
        "import runpod\n\nrunpod.api_key = os.environ[\"RUNPOD_API_KEY\"]\n",
        "runpod-api-key",
    ),
    (
        "server/src/kyc.ts",
        "export const onfido = new DefaultApi(new Configuration({ apiToken: 'api_live.flgrJQShZNs.rAbympI40qGEgDH0sXcEjO36Qf7BpVIA', region: Region.EU }));\n",
        "export const onfido = new DefaultApi(new Configuration({ apiToken: process.env.ONFIDO_API_TOKEN, region: Region.EU }));\n",
        "onfido-api-token",
    ),
    (
        "api/.env",
        "UNKEY_ROOT_KEY=unkey_DnDXubnGunkeyv1Ui7Yb8vD239B7J5QiasmYCXT41nCgSCEokZbUigE4B\n",
        "UNKEY_ROOT_KEY=unkey_xxxxxxxxxxxxxxxxxxxxxxxx\n",
        "unkey-root-key",
    ),
    (
        "analytics/tinybird.yaml",
        "host: https://api.tinybird.co\ntoken: p.eyJ1IjogIO5Wf0qrRMr9d5wilxnNa+6KRN+7xxl1zol6F8AjvtRhkR1T1sglwtQrnnDQJhKeggPa//ladjfjDx3mG2E5vcIxztgpVB/K3/TYAzeODmPdRgL.zu18Ab2vTvG3S98LkaRbG5FypR-kybLIuy76H_agX6l\n",
        "host: https://api.tinybird.co\ntoken: p.eyJ...\n",
        "tinybird-token",
    ),
    (
        "src/flags.js",
        "const unleash = initialize({ url: 'https://flags.internal/api/', appName: 'shop', customHeaders: { Authorization: 'default:production.222154c8f64b93035acacf9a575ed2857da47072762a26ec07cae136' } });\n",
        "const unleash = initialize({ url: 'https://flags.internal/api/', appName: 'shop', customHeaders: { Authorization: 'default:production.unleash-insecure-api-token' } });\n",
        "unleash-api-token",
    ),
    (
        "llm/glm_client.py",
        "client = ZhipuAI(api_key=\"d770076614d20a855217dcd5c4898080.DALZgHlgYQG2nMUX\")\n",
        "client = ZhipuAI(api_key=os.getenv(\"ZHIPUAI_API_KEY\"))\n",
        "zhipu-api-key",
    ),
    (
        "ops/snapshot.sh",
        "curl -s -H \"Authorization: Bearer 7-YT7BQyBmrehrFoNXxFOrPgCuOg5hZ3KefYsfj8Ipgj3W5FZBzTJtYPcDFCZ25yrr\" https://nas.lan/api/v2.0/zfs/snapshot\n",
        "curl -s -H \"Authorization: Bearer $TRUENAS_API_KEY\" https://nas.lan/api/v2.0/zfs/snapshot\n",
        "truenas-api-key",
    ),
    (
        "mail/settings.py",
        "NYLAS_API_KEY = \"nyk_v0_yFikhCrSLYC71pNK2dSeWH57X18dqBqJLREPTLbAf1tla1KQnlqnJYYczR8P5iyg\"\n",
        "NYLAS_API_KEY = \"nyk_v0_your-api-key\"\n",
        "nylas-api-key",
    ),
];

#[test]
fn each_prefixed_family_is_reported_in_the_file_it_is_committed_in() {
    assert_each_reported(CASES);
}

#[test]
fn their_stand_ins_and_lookups_are_not_reported() {
    assert_stand_ins_quiet(CASES);
}

#[test]
fn a_whsec_secret_is_reported_once_as_stripe_or_as_svix_by_its_alphabet() {
    // All alphanumeric: Stripe's shape, and only Stripe's rule reports it.
    let alnum = scan(&[(
        ".env",
        "WEBHOOK_SECRET=whsec_DVqH33ZFmcP1tMbpHnqJXMKvrScTUkWL\n",
    )]);
    let rules: Vec<&str> = alnum.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(rules, ["stripe-webhook-secret"]);
    // Base64 with `/`: Svix's, which Stripe's rule does not take.
    let base64 = scan(&[(
        ".env",
        "WEBHOOK_SECRET=whsec_e0HlNOV1/14DuhvZGQONr4R8xLRE3yjQ\n",
    )]);
    let rules: Vec<&str> = base64.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(rules, ["svix-webhook-secret"]);
}

#[test]
fn an_answer_file_password_spans_lines_but_not_elements() {
    // A <PlainText> that belongs to another element does not make this value plain text
    // (the generic detector may still judge the value; this rule does not take it).
    let found = scan(&[(
        "unattend.xml",
        "<AutoLogon>\n  <Password>\n    <Value>AQ!Z!Mzc9ByKWf</Value>\n  </Password>\n  <Username>kiosk</Username>\n  <PlainText>true</PlainText>\n</AutoLogon>\n",
    )]);
    assert!(
        !found.iter().any(|(r, _)| r == "windows-unattend-password"),
        "{found:?}"
    );
}
