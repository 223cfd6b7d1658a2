//! `--verify` for each provider whose rules gained a `verify` section in one go: a
//! local mock that checks the request the way the provider would (method, path, where
//! the token goes) answers one token as live and another as refused, both reached
//! through `--verify-provider NAME=URL`. Nothing here reaches the internet.

use super::verify::{Mock, Seen, json, scan_with, status_of};
use super::*;

/// One provider: a file with a token it accepts and one it refuses, the request it
/// expects and what it answers.
#[derive(Clone, Copy)]
struct Case {
    provider: &'static str,
    live_line: &'static str,
    live: &'static str,
    dead_line: &'static str,
    dead: &'static str,
    method: &'static str,
    /// The path and query, `{secret}` standing for the token.
    path: &'static str,
    /// The header that carries the token, `{secret}` in its value (none: the path
    /// carries it).
    header: Option<(&'static str, &'static str)>,
    body: Option<&'static str>,
    live_reply: (u16, &'static str),
    dead_reply: (u16, &'static str),
    /// One identity label and the value the live answer gives it.
    identity: Option<(&'static str, &'static str)>,
}

/// A provider reached with `GET path` and `Authorization: Bearer TOKEN`, answering 200
/// and 401; the other fields are changed where the provider differs.
fn case(
    provider: &'static str,
    path: &'static str,
    (live_line, live): (&'static str, &'static str),
    (dead_line, dead): (&'static str, &'static str),
) -> Case {
    Case {
        provider,
        live_line,
        live,
        dead_line,
        dead,
        method: "GET",
        path,
        header: Some(("Authorization", "Bearer {secret}")),
        body: None,
        live_reply: (200, "{}"),
        dead_reply: (401, r#"{"message":"unauthorized"}"#),
        identity: None,
    }
}

impl Case {
    fn header(mut self, name: &'static str, value: &'static str) -> Case {
        self.header = Some((name, value));
        self
    }

    fn live(mut self, body: &'static str, identity: Option<(&'static str, &'static str)>) -> Case {
        self.live_reply = (200, body);
        self.identity = identity;
        self
    }

    fn dead(mut self, status: u16, body: &'static str) -> Case {
        self.dead_reply = (status, body);
        self
    }

    /// Whether `s` is the request this provider expects for `token`.
    fn expects(&self, s: &Seen, token: &str) -> bool {
        let fill = |t: &str| t.replace("{secret}", token);
        s.method == self.method
            && s.path == fill(self.path)
            && self
                .header
                .is_none_or(|(name, value)| s.header(name) == Some(fill(value).as_str()))
            && self.body.is_none_or(|b| s.body == b)
    }
}

fn cases() -> Vec<Case> {
    vec![
        case(
            "google-api-key",
            "/v1beta/models?pageSize=1",
            (
                "GOOGLE_API_KEY=AIza0dsWOJq51EliVpVHT850K_Ce6foLq8ShTqk",
                "AIza0dsWOJq51EliVpVHT850K_Ce6foLq8ShTqk",
            ),
            (
                r#"const firebaseConfig = { apiKey: "AIzaMMNj1YMj_2cueL4YXDbEYsIR0nw3XcxJhId" };"#,
                "AIzaMMNj1YMj_2cueL4YXDbEYsIR0nw3XcxJhId",
            ),
        )
        .header("X-Goog-Api-Key", "{secret}")
        .live(r#"{"models":[{"name":"models/gemini-fixture"}]}"#, None)
        .dead(400, GOOGLE_BAD_KEY),
        case(
            "vault",
            "/v1/auth/token/lookup-self",
            (
                "export VAULT_TOKEN=hvs.mLvorSBqC4wuk4Rs0gav5XYb",
                "hvs.mLvorSBqC4wuk4Rs0gav5XYb",
            ),
            (
                "VAULT_TOKEN=s.zEXvAZgTAaU506zVR11c7Gc1",
                "s.zEXvAZgTAaU506zVR11c7Gc1",
            ),
        )
        .header("X-Vault-Token", "{secret}")
        .live(
            r#"{"data":{"display_name":"token-ci-deploy","policies":["default","ci"],"expire_time":"2027-01-01T00:00:00Z"}}"#,
            Some(("user", "token-ci-deploy")),
        )
        .dead(403, r#"{"errors":["permission denied"]}"#),
        case(
            "artifactory",
            "/artifactory/api/repositories",
            (
                "ARTIFACTORY_API_KEY=AKCpVozQcvxvw3XF3d3gtWXBySGeXvyqP8qHnd8oKLKMNauBoE5IyDXItAh08TMD8JLBu51zf",
                "AKCpVozQcvxvw3XF3d3gtWXBySGeXvyqP8qHnd8oKLKMNauBoE5IyDXItAh08TMD8JLBu51zf",
            ),
            (
                "JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjTk7Z9Tf4bHuokpJxKBWlWU39rnkhspH1DuZNFUGc10lV2iGH6u",
                "cmVmdGtuOjAxOjTk7Z9Tf4bHuokpJxKBWlWU39rnkhspH1DuZNFUGc10lV2iGH6u",
            ),
        )
        .header("X-JFrog-Art-Api", "{secret}")
        .live(r#"[{"key":"libs-release-local","type":"LOCAL"}]"#, None),
        case(
            "gitlab",
            "/api/v4/job",
            (
                "CI_JOB_TOKEN=glcbt-42_rX2u16HxWdr-oYda8hzN",
                "glcbt-42_rX2u16HxWdr-oYda8hzN",
            ),
            (
                "Using token glcbt-79_pLu7FtxJX_WrXJfn65pK for registry login",
                "glcbt-79_pLu7FtxJX_WrXJfn65pK",
            ),
        )
        .header("JOB-TOKEN", "{secret}")
        .live(
            r#"{"id":42,"web_url":"https://gitlab.example/acme/app/-/jobs/42","user":{"username":"ci-fixture"}}"#,
            Some(("user", "ci-fixture")),
        ),
        case(
            "circleci",
            "/api/v2/me",
            (
                "CIRCLECI_TOKEN=CCIPAT_9bCZ5xWbVVnfbSpJpJZzvD_59d77a7d1a77ed2d351b49983dc5de4d21751757",
                "CCIPAT_9bCZ5xWbVVnfbSpJpJZzvD_59d77a7d1a77ed2d351b49983dc5de4d21751757",
            ),
            (
                r#"curl -H "Circle-Token: CCIPAT_oeIH73sPoqJROzU6sNxbYD_67aca4813e90bb2bd52bafc781bc5a60718b68d1" https://circleci.com/api/v2/me"#,
                "CCIPAT_oeIH73sPoqJROzU6sNxbYD_67aca4813e90bb2bd52bafc781bc5a60718b68d1",
            ),
        )
        .header("Circle-Token", "{secret}")
        .live(
            r#"{"id":"5c1b","login":"octo-ci","name":"Octo CI"}"#,
            Some(("user", "octo-ci")),
        ),
        case(
            "netlify",
            "/api/v1/user",
            (
                "export NETLIFY_AUTH_TOKEN=nfp_oALtLinxN1Ekia7ZpTjCgeOj3QYrzZq9adP0",
                "nfp_oALtLinxN1Ekia7ZpTjCgeOj3QYrzZq9adP0",
            ),
            (
                "NETLIFY_AUTH_TOKEN=d3DNBYjvsedonuSsddfrfifiUziXnFAAoeelK9mqmAL",
                "d3DNBYjvsedonuSsddfrfifiUziXnFAAoeelK9mqmAL",
            ),
        )
        .live(
            r#"{"email":"web@acme.example","full_name":"Web Team"}"#,
            Some(("email", "web@acme.example")),
        ),
        case(
            "vercel",
            "/v2/user",
            (
                "export VERCEL_TOKEN=vcp_6grn4yDcaz2YBSoGOsDbjqMVzaVp62BSKLVPA2oQ",
                "vcp_6grn4yDcaz2YBSoGOsDbjqMVzaVp62BSKLVPA2oQ",
            ),
            ("VERCEL_TOKEN=0NfyttUMk931FMdux8KUCERk", "0NfyttUMk931FMdux8KUCERk"),
        )
        .live(
            r#"{"user":{"username":"acme-web","email":"web@acme.example"}}"#,
            Some(("user", "acme-web")),
        )
        .dead(
            403,
            r#"{"error":{"code":"forbidden","message":"Not authorized","invalidToken":true}}"#,
        ),
        case(
            "fastly",
            "/tokens/self",
            (
                "export FASTLY_API_TOKEN=54wca_7E56w8ZniqT3Ul4ffqkOkgWrdi",
                "54wca_7E56w8ZniqT3Ul4ffqkOkgWrdi",
            ),
            (
                "FASTLY_KEY=NUS0hmi4Fs9Z6YkRYU7oe1wNWqku5Nr5",
                "NUS0hmi4Fs9Z6YkRYU7oe1wNWqku5Nr5",
            ),
        )
        .header("Fastly-Key", "{secret}")
        .live(
            r#"{"name":"ci purge","scope":"purge_select","expires_at":null,"customer_id":"x4xCwxxJxGCx123Rx5xTx"}"#,
            Some(("scopes", "purge_select")),
        ),
        case(
            "doppler",
            "/v3/me",
            (
                "DOPPLER_TOKEN=dp.pt.IOn3Q0fNI2fWWNCz4HRxiVcdoJXODSPCcBFDxXNwmMu",
                "dp.pt.IOn3Q0fNI2fWWNCz4HRxiVcdoJXODSPCcBFDxXNwmMu",
            ),
            (
                "DOPPLER_SERVICE_TOKEN=dp.st.prd.XZySjJ0A5ui88MjgGKIIQtGTaS3HlfEPdiQkKnkt1fO",
                "dp.st.prd.XZySjJ0A5ui88MjgGKIIQtGTaS3HlfEPdiQkKnkt1fO",
            ),
        )
        .live(
            r#"{"workplace":{"name":"Acme"},"type":"personal","name":"laptop"}"#,
            Some(("workplace", "Acme")),
        ),
        // Mapbox takes the token in the query string only.
        Case {
            header: None,
            ..case(
                "mapbox",
                "/tokens/v2?access_token={secret}",
                (
                    "MAPBOX_DOWNLOADS_TOKEN=sk.eyJ1IjoiZ2VvdGVhbSIsImEiOiJjbHh0OW81YnRndDd1cmppOTlrcGVsZHliIn0.cPOpJvAYE-23STUwYSxeJ4",
                    "sk.eyJ1IjoiZ2VvdGVhbSIsImEiOiJjbHh0OW81YnRndDd1cmppOTlrcGVsZHliIn0.cPOpJvAYE-23STUwYSxeJ4",
                ),
                (
                    "MAPBOX_TOKEN=sk.eyJ1IjoiYWNtZS1tYXBzIiwiYSI6ImNsaXBrOWx1MWlmMjY1djg4eXo3eDBxbHIifQ.b_eMZZsxyPDgYttmE5ZAkM",
                    "sk.eyJ1IjoiYWNtZS1tYXBzIiwiYSI6ImNsaXBrOWx1MWlmMjY1djg4eXo3eDBxbHIifQ.b_eMZZsxyPDgYttmE5ZAkM",
                ),
            )
            .live(
                r#"{"code":"TokenValid","token":{"user":"geoteam","scopes":["styles:read","downloads:read"]}}"#,
                Some(("user", "geoteam")),
            )
            .dead(401, r#"{"code":"TokenInvalid"}"#)
        },
        case(
            "asana",
            "/api/1.0/users/me",
            (
                "ASANA_ACCESS_TOKEN=2/5841765468215417/5640202981686129:8b03a31fba71686d2b1482a342f3b549",
                "2/5841765468215417/5640202981686129:8b03a31fba71686d2b1482a342f3b549",
            ),
            (
                r#"client = asana.Client.access_token("1/1091309712829517:266f6dd43bd21c1bf453610046347527")"#,
                "1/1091309712829517:266f6dd43bd21c1bf453610046347527",
            ),
        )
        .live(
            r#"{"data":{"gid":"12","name":"Ada Fixture","email":"ada@acme.example"}}"#,
            Some(("user", "Ada Fixture")),
        ),
        case(
            "airtable",
            "/v0/meta/whoami",
            (
                "AIRTABLE_TOKEN=patBeyxxZsre9noaN.cc79d5fe30020bd8c8d50ec41d6de38a88b19b3eef2ad15e54879ab3da313869",
                "patBeyxxZsre9noaN.cc79d5fe30020bd8c8d50ec41d6de38a88b19b3eef2ad15e54879ab3da313869",
            ),
            ("AIRTABLE_API_KEY=keyspSg0PRAr56GPP", "keyspSg0PRAr56GPP"),
        )
        .live(
            r#"{"id":"usrFixture","email":"data@acme.example","scopes":["data.records:read"]}"#,
            Some(("scopes", "data.records:read")),
        ),
        Case {
            method: "POST",
            body: Some("null"),
            ..case(
                "dropbox",
                "/2/users/get_current_account",
                (
                    "DROPBOX_ACCESS_TOKEN=sl.u.RDugoYdWN4v59-ieyAmBt9KfG80WPYcE_0GgiyPuXWITK6gh8f7pzHOasCwEdHXM5bo8l927XnyNkTWsAY0aUAWkVqCho2K2cFoXaTuqmF08o1IJAtsZRxrXvcAPbiHfHJAtpSgfSGJWPpgyaZKK_f",
                    "sl.u.RDugoYdWN4v59-ieyAmBt9KfG80WPYcE_0GgiyPuXWITK6gh8f7pzHOasCwEdHXM5bo8l927XnyNkTWsAY0aUAWkVqCho2K2cFoXaTuqmF08o1IJAtsZRxrXvcAPbiHfHJAtpSgfSGJWPpgyaZKK_f",
                ),
                (
                    r#"dbx = dropbox.Dropbox("sl.Bjqdpn-J80nCHlR6hynMqK7o_txsKq_HrO8UxRjHBoZEiTy3uNtv3lAO6qn_6vUka8XAn6XV9rLsG6VFpK3XixCZO7eAzIBg0hVk7YoZNiykEJ3Yh5uCXfnchz411M28NZmMvjd")"#,
                    "sl.Bjqdpn-J80nCHlR6hynMqK7o_txsKq_HrO8UxRjHBoZEiTy3uNtv3lAO6qn_6vUka8XAn6XV9rLsG6VFpK3XixCZO7eAzIBg0hVk7YoZNiykEJ3Yh5uCXfnchz411M28NZmMvjd",
                ),
            )
            .live(
                r#"{"email":"files@acme.example","name":{"display_name":"Files Fixture"}}"#,
                Some(("email", "files@acme.example")),
            )
            .dead(401, r#"{"error_summary":"invalid_access_token/...","error":{".tag":"invalid_access_token"}}"#)
        },
        case(
            "pagerduty",
            "/abilities",
            (
                "export PAGERDUTY_TOKEN=u+cR64cXQLioDnkHIfxI",
                "u+cR64cXQLioDnkHIfxI",
            ),
            (
                "PAGERDUTY_API_KEY=y_Wi0B26R08qzjI6GKFS",
                "y_Wi0B26R08qzjI6GKFS",
            ),
        )
        .header("Authorization", "Token token={secret}")
        .live(r#"{"abilities":["teams","sso"]}"#, None),
        case(
            "pulumi",
            "/api/user",
            (
                "PULUMI_ACCESS_TOKEN=pul-db8d7f4b9549641c2c365ba8a612fdc8cdc8d2cf",
                "pul-db8d7f4b9549641c2c365ba8a612fdc8cdc8d2cf",
            ),
            (
                r#"  PULUMI_ACCESS_TOKEN: "pul-aca6615dfedfce2ebc0b41927347013988049219""#,
                "pul-aca6615dfedfce2ebc0b41927347013988049219",
            ),
        )
        .header("Authorization", "token {secret}")
        .live(
            r#"{"githubLogin":"acme-ops","name":"Ops Fixture","email":"ops@acme.example"}"#,
            Some(("user", "acme-ops")),
        ),
        case(
            "buildkite",
            "/v2/access-token",
            (
                "BUILDKITE_API_TOKEN=bkua_82eeb1445a235841e6d0dfe3c27bb5f1124dc6fc",
                "bkua_82eeb1445a235841e6d0dfe3c27bb5f1124dc6fc",
            ),
            (
                "BUILDKITE_TOKEN=bkua_5b877479f42f26e2b554dcd281069b6487c5ea43",
                "bkua_5b877479f42f26e2b554dcd281069b6487c5ea43",
            ),
        )
        .live(
            r#"{"uuid":"b1","scopes":["read_builds","read_pipelines"],"user":{"name":"CI Fixture","email":"ci@acme.example"}}"#,
            Some(("scopes", "read_builds read_pipelines")),
        ),
        case(
            "replicate",
            "/v1/account",
            (
                "export REPLICATE_API_TOKEN=r8_3m03nbqnsGpWLuqIA1id6Vw5DQL05HA064GiI",
                "r8_3m03nbqnsGpWLuqIA1id6Vw5DQL05HA064GiI",
            ),
            (
                r#"client = replicate.Client(api_token="r8_jHGb3CXlMaXZjljENUhJduRHHJEYXg4Jdpmrc")"#,
                "r8_jHGb3CXlMaXZjljENUhJduRHHJEYXg4Jdpmrc",
            ),
        )
        .live(
            r#"{"type":"organization","username":"acme-ml","name":"Acme ML"}"#,
            Some(("user", "acme-ml")),
        ),
        case(
            "groq",
            "/openai/v1/models",
            (
                "GROQ_API_KEY=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",
                "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",
            ),
            (
                r#"client = Groq(api_key="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")"#,
                "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",
            ),
        )
        .live(r#"{"object":"list","data":[]}"#, None),
        case(
            "mistral",
            "/v1/models",
            (
                "MISTRAL_API_KEY=BwFzU6YegAEcspd83wMBLjTLMZSiPnXW",
                "BwFzU6YegAEcspd83wMBLjTLMZSiPnXW",
            ),
            (
                r#"client = Mistral(api_key="UZ3XGbk8rkCYDclsepTs2klEzIBYNFfS")"#,
                "UZ3XGbk8rkCYDclsepTs2klEzIBYNFfS",
            ),
        )
        .live(r#"{"object":"list","data":[]}"#, None),
        // Cohere answers a bad key 200 with `valid: false`.
        Case {
            method: "POST",
            body: Some("{}"),
            ..case(
                "cohere",
                "/v1/check-api-key",
                (
                    "CO_API_KEY=nmQpySE8yaxKKyelkN2Zi5pFtGIJEPZD9QImLSXF",
                    "nmQpySE8yaxKKyelkN2Zi5pFtGIJEPZD9QImLSXF",
                ),
                (
                    r#"co = cohere.ClientV2(api_key="SzBEnNxgI4NUDUSb00LaADkNnB8msWKg1pkC84DZ")"#,
                    "SzBEnNxgI4NUDUSb00LaADkNnB8msWKg1pkC84DZ",
                ),
            )
            .live(
                r#"{"valid":true,"organization_id":"org-fixture","owner_id":"owner-fixture"}"#,
                Some(("organization", "org-fixture")),
            )
            .dead(200, r#"{"valid":false}"#)
        },
        case(
            "elevenlabs",
            "/v1/user",
            (
                "ELEVENLABS_API_KEY=sk_c8114ee9d1732085a5d1595b07a6e642de8521a633b18856",
                "sk_c8114ee9d1732085a5d1595b07a6e642de8521a633b18856",
            ),
            (
                r#"headers = {"xi-api-key": "sk_4d531c12f39ef3d6c9ff823678fee2e4c5a07fee2c8df562"}"#,
                "sk_4d531c12f39ef3d6c9ff823678fee2e4c5a07fee2c8df562",
            ),
        )
        .header("xi-api-key", "{secret}")
        .live(
            r#"{"user_id":"user-fixture","subscription":{"tier":"creator"}}"#,
            Some(("tier", "creator")),
        )
        .dead(401, ELEVENLABS_BAD_KEY),
        case(
            "supabase",
            "/v1/organizations",
            (
                "export SUPABASE_ACCESS_TOKEN=sbp_f506b40928b5b7a767c76fb008f86bebb2737f6a",
                "sbp_f506b40928b5b7a767c76fb008f86bebb2737f6a",
            ),
            (
                r#"SUPABASE_ACCESS_TOKEN: "sbp_6f0fb23c6f5da2cec255404e4fb440034d660869""#,
                "sbp_6f0fb23c6f5da2cec255404e4fb440034d660869",
            ),
        )
        .live(
            r#"[{"id":"org1","name":"Acme Data"}]"#,
            Some(("organization", "Acme Data")),
        ),
        case(
            "square",
            "/v2/merchants/me",
            (
                "SQUARE_ACCESS_TOKEN=EAAAPtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA-2O76UMFxFkM-R5Kjp1vR",
                "EAAAPtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA-2O76UMFxFkM-R5Kjp1vR",
            ),
            (
                "square_token: 'sq0atp-3m03nbqnsGpWLuqIA1id6V'",
                "sq0atp-3m03nbqnsGpWLuqIA1id6V",
            ),
        )
        .live(
            r#"{"merchant":{"id":"MLFIXTURE","business_name":"Acme Cafe","country":"US"}}"#,
            Some(("business", "Acme Cafe")),
        ),
        case(
            "twitch",
            "/oauth2/validate",
            (
                "TWITCH_OAUTH_TOKEN=oauth:3h6kk2hm4orze2l87bij48kz6cmvxk",
                "3h6kk2hm4orze2l87bij48kz6cmvxk",
            ),
            (
                r#"twitch_access_token = "wpkyncgt3jya91guuhflyidw94yvu0""#,
                "wpkyncgt3jya91guuhflyidw94yvu0",
            ),
        )
        .header("Authorization", "OAuth {secret}")
        .live(
            r#"{"client_id":"cfixture","login":"acme_bot","scopes":["chat:read"],"user_id":"141981764","expires_in":5520838}"#,
            Some(("user", "acme_bot")),
        )
        .dead(401, r#"{"status":401,"message":"invalid access token"}"#),
        case(
            "grafana",
            "/api/org",
            (
                "export GRAFANA_AUTH=glsa_0r6wFMuqNuFoVVxUl7IcrSodw7i7efin_f3dde502",
                "glsa_0r6wFMuqNuFoVVxUl7IcrSodw7i7efin_f3dde502",
            ),
            (
                r#"headers = {"Authorization": "Bearer glsa_4JQNRzVuX7qMslOj8Ce3MZmhPEcBdT5w_a7ed85e7"}"#,
                "glsa_4JQNRzVuX7qMslOj8Ce3MZmhPEcBdT5w_a7ed85e7",
            ),
        )
        .live(r#"{"id":1,"name":"Acme Ops"}"#, Some(("organization", "Acme Ops"))),
        case(
            "openrouter",
            "/api/v1/key",
            (
                "OPENROUTER_API_KEY=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",
                "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",
            ),
            (
                "OPENROUTER_KEY=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",
                "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",
            ),
        )
        .live(
            r#"{"data":{"label":"sk-or-v1-8d2...bb1","usage":0.5,"limit":null,"is_free_tier":false}}"#,
            Some(("label", "sk-or-v1-8d2...bb1")),
        ),
        case(
            "deepseek",
            "/user/balance",
            (
                "DEEPSEEK_API_KEY=sk-132aa204065987b7fa60cffd669330b2",
                "sk-132aa204065987b7fa60cffd669330b2",
            ),
            (
                r#"deepseek_api_key: "sk-5e55e4779858136f4163187c8672bbca""#,
                "sk-5e55e4779858136f4163187c8672bbca",
            ),
        )
        .live(
            r#"{"is_available":true,"balance_infos":[{"currency":"USD","total_balance":"3.10"}]}"#,
            Some(("available", "true")),
        ),
        case(
            "launchdarkly",
            "/api/v2/caller-identity",
            (
                "LAUNCHDARKLY_ACCESS_TOKEN=api-d696cff3-ae74-4e99-b700-1f007c52b291",
                "api-d696cff3-ae74-4e99-b700-1f007c52b291",
            ),
            (
                r#"provider "launchdarkly" { access_token = "api-b5f8516a-8659-4bc6-ad22-74de4f8b2d32" }"#,
                "api-b5f8516a-8659-4bc6-ad22-74de4f8b2d32",
            ),
        )
        .header("Authorization", "{secret}")
        .live(
            r#"{"accountId":"acct-fixture","tokenName":"terraform","memberId":"m1","authKind":"token"}"#,
            Some(("token", "terraform")),
        ),
        case(
            "honeycomb",
            "/1/auth",
            ("HONEYCOMB_API_KEY=hWEUTlYbqHYTSihlMJbe64", "hWEUTlYbqHYTSihlMJbe64"),
            (
                r#"honeycomb_writekey: "d8cffeba08de3148f2d15f63bda60104""#,
                "d8cffeba08de3148f2d15f63bda60104",
            ),
        )
        .header("X-Honeycomb-Team", "{secret}")
        .live(
            r#"{"id":"k1","type":"configuration","team":{"name":"Acme Obs","slug":"acme"}}"#,
            Some(("team", "Acme Obs")),
        ),
        case(
            "linode",
            "/v4/profile",
            (
                "LINODE_TOKEN=4be99762f1da75314267c62ef811096434395bead67d0ee74978a3218433436b",
                "4be99762f1da75314267c62ef811096434395bead67d0ee74978a3218433436b",
            ),
            (
                r#"linode_api_token = "318b39a70e75439fbd7a25647aef3d9d36831093db07f8555de50a81a96bbd83""#,
                "318b39a70e75439fbd7a25647aef3d9d36831093db07f8555de50a81a96bbd83",
            ),
        )
        .live(
            r#"{"username":"acme-infra","email":"infra@acme.example","restricted":false}"#,
            Some(("user", "acme-infra")),
        )
        .dead(401, r#"{"errors":[{"reason":"Invalid Token"}]}"#),
        case(
            "snyk",
            "/rest/self?version=2024-10-15",
            (
                "SNYK_TOKEN=82f31146-67e0-453b-aa33-be754a1bfc31",
                "82f31146-67e0-453b-aa33-be754a1bfc31",
            ),
            (
                "snyk auth da14466f-2ca3-43d9-b255-da4377660a0b",
                "da14466f-2ca3-43d9-b255-da4377660a0b",
            ),
        )
        .header("Authorization", "token {secret}")
        .live(
            r#"{"data":{"type":"user","id":"u1","attributes":{"name":"Sec Fixture","username":"sec-fixture","email":"sec@acme.example"}}}"#,
            Some(("user", "sec-fixture")),
        ),
        case(
            "together",
            "/v1/models",
            (
                "TOGETHER_API_KEY=tgp_v1_vPF-pIS1FFQI6x5OhfiSmxv4X1LvHS1YNeiFa7nbpv7",
                "tgp_v1_vPF-pIS1FFQI6x5OhfiSmxv4X1LvHS1YNeiFa7nbpv7",
            ),
            (
                r#"client = Together(api_key="tgp_v1_-YMzNeVSiqIUlhcVVbQcF27zIGWijRMm7oPL72L_rAF")"#,
                "tgp_v1_-YMzNeVSiqIUlhcVVbQcF27zIGWijRMm7oPL72L_rAF",
            ),
        )
        .live(r#"[{"id":"meta-llama/fixture","object":"model"}]"#, None),
    ]
}

/// Google's answer to a key it does not know.
const GOOGLE_BAD_KEY: &str = r#"{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}"#;

/// ElevenLabs' answer to a key it does not know.
const ELEVENLABS_BAD_KEY: &str =
    r#"{"detail":{"status":"invalid_api_key","message":"Invalid API key"}}"#;

/// The provider as a mock: the live token's expected request is answered live, the
/// refused token's refused; anything else (a wrong path, method or header) gets a 418
/// that no rule reads, so the test sees `unknown`.
fn mock_of(c: &Case) -> Mock {
    let c = *c;
    Mock::new(move |s, _| {
        let (status, body) = if c.expects(s, c.live) {
            c.live_reply
        } else if c.expects(s, c.dead) {
            c.dead_reply
        } else {
            (
                418,
                r#"{"message":"not the request this provider expects"}"#,
            )
        };
        json(status, body)
    })
}

#[test]
fn each_provider_is_asked_its_own_way_and_its_answer_read() {
    let mut failures = Vec::new();
    for c in cases() {
        let mock = mock_of(&c);
        let dir = Dir::new();
        dir.write(
            "settings.env",
            format!("{}\n{}\n", c.live_line, c.dead_line),
        );
        let o = scan_with(&dir, c.provider, &mock, &[]);
        if o.status.code() != Some(1) {
            failures.push(format!(
                "{}: exit {:?}: {}",
                c.provider,
                o.status,
                stderr(&o)
            ));
            continue;
        }
        let v = json_of(&o);
        // Every request went to the mock: no finding names another host.
        for f in v["findings"].as_array().unwrap() {
            let host = &f["verification"]["host"];
            if !(host.is_null() || host == "127.0.0.1") {
                failures.push(format!("{}: a request went to {host}", c.provider));
            }
        }
        let live = status_of(&v, c.live);
        if live["status"] != "verified" {
            failures.push(format!("{}: the live token gave {live}", c.provider));
        }
        if let Some((label, value)) = c.identity
            && live["identity"][label] != value
        {
            failures.push(format!(
                "{}: identity {label} is {} (want {value})",
                c.provider, live["identity"][label]
            ));
        }
        let dead = status_of(&v, c.dead);
        if dead["status"] != "invalid" {
            failures.push(format!("{}: the refused token gave {dead}", c.provider));
        }
        let seen = mock.seen();
        if seen.len() != 2 {
            failures.push(format!("{}: {} requests: {seen:?}", c.provider, seen.len()));
        }
        // The report never shows either token.
        let out = stdout(&o);
        if out.contains(c.live) || out.contains(c.dead) {
            failures.push(format!("{}: a token is printed in full", c.provider));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_provider_here_is_verified_by_the_builtin_rules() {
    let rules = leakhound::rules::RuleSet::builtin();
    let mut names: Vec<String> = (0..rules.len())
        .filter_map(|i| rules.get(i).def.verify.as_ref().map(|v| v.provider.clone()))
        .collect();
    names.sort();
    names.dedup();
    let ours: Vec<&str> = cases().iter().map(|c| c.provider).collect();
    for p in &ours {
        assert!(names.iter().any(|n| n == p), "{p} is not a verify provider");
    }
    // The other helpers' providers arrive separately: the total is reported, the
    // target of 40 is not asserted here.
    println!(
        "{} verify providers in the built-in rules ({} tested here): {}",
        names.len(),
        ours.len(),
        names.join(", ")
    );
}

#[test]
fn a_self_hosted_provider_is_not_asked_until_it_is_mapped() {
    let dir = Dir::new();
    dir.write(
        "deploy.env",
        "VAULT_TOKEN=hvs.mLvorSBqC4wuk4Rs0gav5XYb\n\
         ARTIFACTORY_API_KEY=AKCpVozQcvxvw3XF3d3gtWXBySGeXvyqP8qHnd8oKLKMNauBoE5IyDXItAh08TMD8JLBu51zf\n\
         GRAFANA_TOKEN=glsa_0r6wFMuqNuFoVVxUl7IcrSodw7i7efin_f3dde502\n",
    );
    let o = dir
        .cmd()
        .args(["scan", "--format", "json", "--verify", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    for (secret, name) in [
        ("hvs.mLvorSBqC4wuk4Rs0gav5XYb", "vault"),
        (
            "AKCpVozQcvxvw3XF3d3gtWXBySGeXvyqP8qHnd8oKLKMNauBoE5IyDXItAh08TMD8JLBu51zf",
            "artifactory",
        ),
        ("glsa_0r6wFMuqNuFoVVxUl7IcrSodw7i7efin_f3dde502", "grafana"),
    ] {
        let ver = status_of(&v, secret);
        assert_eq!(ver["status"], "unknown", "{ver}");
        assert_eq!(
            ver["reason"],
            format!(
                "{name} is self-hosted and has no public address: map it with \
                 --verify-provider {name}=URL"
            )
        );
        assert!(ver["host"].is_null(), "{ver}");
    }
    let err = stderr(&o);
    assert!(err.contains("; 0 requests sent"), "{err}");
    assert!(!err.contains(".invalid"), "{err}");
}

#[test]
fn a_status_shared_by_good_and_bad_keys_is_decided_by_the_body() {
    // Google: 403 is a key that works but is kept from this API (live, with the reason
    // shown); 400 is a bad key only with the reason API_KEY_INVALID.
    let keys = [
        "AIza0dsWOJq51EliVpVHT850K_Ce6foLq8ShTqk",
        "AIzaMMNj1YMj_2cueL4YXDbEYsIR0nw3XcxJhId",
        "AIzaSyQx7Vt2LmN9pR4wK8jH3cF6bD1sG5aZ0eY",
    ];
    let mock = Mock::new(move |s, _| match s.header("x-goog-api-key") {
        Some(k) if k == keys[0] => json(
            403,
            r#"{"error":{"code":403,"status":"PERMISSION_DENIED","details":[{"reason":"SERVICE_DISABLED"}]}}"#,
        ),
        Some(k) if k == keys[1] => json(400, GOOGLE_BAD_KEY),
        _ => json(
            400,
            r#"{"error":{"code":400,"status":"INVALID_ARGUMENT","details":[{"reason":"BAD_PAGE_SIZE"}]}}"#,
        ),
    });
    let dir = Dir::new();
    dir.write(
        "keys.js",
        keys.iter()
            .map(|k| format!("const key = \"{k}\";\n"))
            .collect::<String>(),
    );
    let o = scan_with(&dir, "google-api-key", &mock, &[]);
    let v = json_of(&o);
    let limited = status_of(&v, keys[0]);
    assert_eq!(limited["status"], "verified", "{limited}");
    assert_eq!(limited["identity"]["limited"], "SERVICE_DISABLED");
    let bad = status_of(&v, keys[1]);
    assert_eq!(bad["status"], "invalid", "{bad}");
    assert_eq!(
        bad["reason"],
        "the provider answered 400 with /error/details/0/reason = API_KEY_INVALID"
    );
    let other = status_of(&v, keys[2]);
    assert_eq!(other["status"], "unknown", "{other}");

    // ElevenLabs: a 401 that says the key lacks a permission is not a dead key.
    let mock = Mock::new(|_, _| {
        json(
            401,
            r#"{"detail":{"status":"missing_permissions","message":"The API key is missing user_read"}}"#,
        )
    });
    let dir = Dir::new();
    dir.write(
        "tts.env",
        "ELEVENLABS_API_KEY=sk_c8114ee9d1732085a5d1595b07a6e642de8521a633b18856\n",
    );
    let o = scan_with(&dir, "elevenlabs", &mock, &[]);
    let v = json_of(&o);
    let ver = status_of(&v, "sk_c8114ee9d1732085a5d1595b07a6e642de8521a633b18856");
    assert_eq!(ver["status"], "unknown", "{ver}");
    assert!(ver["reason"].as_str().unwrap().contains("401"), "{ver}");

    // Linode: a 401 for a token whose scopes do not reach the profile is not a dead token.
    let mock = Mock::new(|_, _| {
        json(
            401,
            r#"{"errors":[{"reason":"Your OAuth token is not authorized to use this endpoint."}]}"#,
        )
    });
    let dir = Dir::new();
    let token = "4be99762f1da75314267c62ef811096434395bead67d0ee74978a3218433436b";
    dir.write("infra.env", format!("LINODE_TOKEN={token}\n"));
    let v = json_of(&scan_with(&dir, "linode", &mock, &[]));
    let ver = status_of(&v, token);
    assert_eq!(ver["status"], "unknown", "{ver}");
}

#[test]
fn a_mapped_self_hosted_provider_keeps_its_path_prefix() {
    // Vault behind a path prefix (a reverse proxy): the mapping's prefix comes first.
    let mock = Mock::new(|s, _| {
        if s.path == "/vault/v1/auth/token/lookup-self"
            && s.header("x-vault-token") == Some("hvs.mLvorSBqC4wuk4Rs0gav5XYb")
        {
            json(200, r#"{"data":{"display_name":"root"}}"#)
        } else {
            json(403, r#"{"errors":["permission denied"]}"#)
        }
    });
    let dir = Dir::new();
    dir.write("vault.env", "VAULT_TOKEN=hvs.mLvorSBqC4wuk4Rs0gav5XYb\n");
    let o = dir
        .cmd()
        .args(["scan", "--format", "json", "--verify", "--verify-provider"])
        .arg(format!("vault={}/vault", mock.url))
        .arg(".")
        .output()
        .unwrap();
    let v = json_of(&o);
    let ver = status_of(&v, "hvs.mLvorSBqC4wuk4Rs0gav5XYb");
    assert_eq!(ver["status"], "verified", "{ver}");
    assert_eq!(ver["identity"]["user"], "root");
}
