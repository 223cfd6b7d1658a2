//! Provider families with a distinctive token prefix added for issue 15's breadth
//! point (Kingfisher families A to Mi, and Dependency-Track, Instagram, Ghost, Ably):
//! each credential in the kind of file it is committed in is reported by its rule, and
//! the same file with a lookup in its place reports nothing.

use crate::families::scan_files;

/// (path, text with the credential, text with a lookup or stand-in, rule that must report it)
const CASES: &[(&str, &str, &str, &str)] = &[
    (
        "realtime/.env",
        "ABLY_API_KEY=NSqeZz.kKQXnk:PSiHkKUwHHomwvXkQeZAWF9aNPoIhB2ui2KF1JTNDO2\n",
        "ABLY_API_KEY=${ABLY_API_KEY}\n",
        "ably-api-key",
    ),
    (
        "ci/aikido.env",
        "AIKIDO_CLIENT_SECRET=AIK_SECRET_QAJPzDBwgD0CBlQxvE2C5iETeS5th66t010KUUjhOLmt7mmLtYVxU26qviNmo8MZ\n",
        "AIKIDO_CLIENT_SECRET=${AIKIDO_CLIENT_SECRET}\n",
        "aikido-client-secret",
    ),
    (
        "scripts/aikido-scan.sh",
        "AIKIDO_API_KEY=AIK_CI_pQDowJmEr2z3gOqGSCAulkLrEdfTNUb0SBieqpKH\n",
        "AIKIDO_API_KEY=${{ secrets.AIKIDO_API_KEY }}\n",
        "aikido-ci-token",
    ),
    (
        ".env.production",
        "ARCJET_KEY=ajkey_01m83r3ngk6sxk8nac1gk6re38\n",
        "ARCJET_KEY=${ARCJET_KEY}\n",
        "arcjet-api-key",
    ),
    (
        "config/asaas.env",
        "ASAAS_API_KEY=$aact_prod_000ZDEzOGY3N2EwOTk4MGVhMDUwNDI3MzIyNDhmOWFlNDE6OmI4NGZlMDJjLWE1N2UtNGRiNC05NGZkLTFhYzc5ZWVjODU2YTo6JGFhY2hfOWQ0ODczZjEtMjNjNC00OTM3LTg3ZjUtYzk4YjBhNjI2MDMw\n",
        "ASAAS_API_KEY=${ASAAS_API_KEY}\n",
        "asaas-api-key",
    ),
    (
        "web/.env.local",
        "BLOCK_PROTOCOL_API_KEY=b10ck5.gcIvDhfIXnSYwtz4qd4A3pDFcydB07AZ.bcWz7d73pLwA84zRQcvUcidQ1zrwhkQ3F7KW\n",
        "BLOCK_PROTOCOL_API_KEY=${BLOCK_PROTOCOL_API_KEY}\n",
        "block-protocol-api-key",
    ),
    (
        "agent/search.py",
        "BRAVE_API_KEY=BSA7_wJ2Bc2wM5zNIYG4vUWBRk6TgUQ\n",
        "BRAVE_API_KEY=${BRAVE_API_KEY}\n",
        "brave-search-api-key",
    ),
    (
        "agent/.env",
        "BROWSER_USE_API_KEY=bu_p9tsYcfm0sHTIttPaGvPFx6nuLVX4su-ad1sy-6jHIo\n",
        "BROWSER_USE_API_KEY=${BROWSER_USE_API_KEY}\n",
        "browser-use-api-key",
    ),
    (
        "docs/BROWSERBASE_SETUP.md",
        "BROWSERBASE_API_KEY=bb_live_0A-SZeCSrH3s4ySKs4dPV00tTuL\n",
        "BROWSERBASE_API_KEY=${BROWSERBASE_API_KEY}\n",
        "browserbase-api-key",
    ),
    (
        "cms/.env",
        "BUILDER_PRIVATE_KEY=bpk-ea7fe06dd4f3820d11458d1f90f50925\n",
        "BUILDER_PRIVATE_KEY=${BUILDER_PRIVATE_KEY}\n",
        "builder-io-private-key",
    ),
    (
        "booking/.env.local",
        "CALCOM_API_KEY=cal_live_d9d41d1a23ab091fbb8f7910c76beb97\n",
        "CALCOM_API_KEY=${CALCOM_API_KEY}\n",
        "cal-com-api-key",
    ),
    (
        "voice/.env",
        "CARTESIA_API_KEY=sk_car_Ea501LfLBxcStxOW8pRGGw\n",
        "CARTESIA_API_KEY=${CARTESIA_API_KEY}\n",
        "cartesia-api-key",
    ),
    (
        "server/server.cfg",
        "sv_licenseKey cfxk_2WgztpTMu1KQBEf2tpLT_g3iAa\n",
        "sv_licenseKey ${SV_LICENSEKEY}\n",
        "cfx-re-license-key",
    ),
    (
        "payments/.env.test",
        "CHECKOUT_SECRET_KEY=sk_sbox_3vz7qnvrrw6qsdonfe3ighz3qo3\n",
        "CHECKOUT_SECRET_KEY=${CHECKOUT_SECRET_KEY}\n",
        "checkout-sandbox-secret-key",
    ),
    (
        "payments/.env",
        "CHECKOUT_SECRET_KEY=sk_2ynjocrdvi6ee7y77t2tnpo3yxy\n",
        "CHECKOUT_SECRET_KEY=${CHECKOUT_SECRET_KEY}\n",
        "checkout-secret-key",
    ),
    (
        "crm/.env",
        "CLOSE_API_KEY=api_V838tW6FxNBo4P7Ii9o0sa.V6mkDKIcBj1usAJyRFHVBa\n",
        "CLOSE_API_KEY=${CLOSE_API_KEY}\n",
        "close-api-key",
    ),
    (
        "infra/main.tf",
        "COCKROACH_API_KEY=CCDB1_OPAWx6f618qExnhbJhB7ZA_eqQ43tFC9fzL5jCtSMr7kbMoLxcppqOxY61GinYD\n",
        "COCKROACH_API_KEY=${COCKROACH_API_KEY}\n",
        "cockroachdb-cloud-api-key",
    ),
    (
        "agent/.env.local",
        "COMPOSIO_API_KEY=ak_QE_4UUpRG1SfNB0rMylO\n",
        "COMPOSIO_API_KEY=${COMPOSIO_API_KEY}\n",
        "composio-api-key",
    ),
    (
        "notify/.env",
        "COURIER_AUTH_TOKEN=pk_prod_6C72S5X8XV6ZNRSXHPVPXAFB4YDE\n",
        "COURIER_AUTH_TOKEN=${COURIER_AUTH_TOKEN}\n",
        "courier-api-key",
    ),
    (
        "bot/.env",
        "COZE_API_TOKEN=pat_QLxjbXkKeK8gKCzUqjX3VJRioyo0g7fqcLd3Af7JCU8inOVPlwDgqYSPOhI8O5P9\n",
        "COZE_API_TOKEN=${COZE_API_TOKEN}\n",
        "coze-personal-access-token",
    ),
    (
        "tools/.env",
        "CURSOR_API_KEY=key_25251661d1bbcf785ed925c8e5d36001f95969e1fdda86a75a305cce8c1971f4\n",
        "CURSOR_API_KEY=${CURSOR_API_KEY}\n",
        "cursor-api-key",
    ),
    (
        "quant/.env",
        "DATABENTO_API_KEY=db-QEK6GhKt5wXEwbQ2ee5xkYdSRfYpP\n",
        "DATABENTO_API_KEY=${DATABENTO_API_KEY}\n",
        "databento-api-key",
    ),
    (
        "ci/upload-sbom.sh",
        "curl -H 'X-Api-Key: odt_GqZXKOyazn03h1CKERqftUeQaeQOzMFk' https://dtrack.acme-corp.com/api/v1/project\n",
        "DEPENDENCY_TRACK_API_KEY=${DEPENDENCY_TRACK_API_KEY}\n",
        "dependency-track-api-key",
    ),
    (
        "automation/.env",
        "DEVIN_API_KEY=apk_user_dXNlci03MDIxMjQ5ZGViOGMyNDY0MWNmNGMzYzM1M2JkNTVlM19vcmctMGMxNTAzY2Y2MWY0Yzg5OGE2NGFkYTA3MDExYTMwODM6NWUyMWM2YTEwMTg0ZTExNDg0Yzg0MTcyNDgzOWYwMDk=\n",
        "DEVIN_API_KEY=${DEVIN_API_KEY}\n",
        "devin-personal-api-key",
    ),
    (
        "automation/.env.service",
        "DEVIN_API_KEY=apk_b3JnLTRjYjcwZjdmMDQ3NDc0MGNjNTVmNzJiYWY1YjBmNDU4OjAwYmFkMGFkMmMzMjFmYTIzMGViODYyM2RkNjY1MDUx\n",
        "DEVIN_API_KEY=${DEVIN_API_KEY}\n",
        "devin-service-api-key",
    ),
    (
        "automation/devin.env",
        "DEVIN_API_KEY=cog_hvevffthn7amf6bvmkynp4sevybo65iy3etmgdvzds64r6bfnkxe\n",
        "DEVIN_API_KEY=${DEVIN_API_KEY}\n",
        "devin-service-user-token",
    ),
    (
        "backend/.env",
        "DIFY_API_KEY=app-xtwL5M6YPSannn6Xw6sF102a\n",
        "DIFY_API_KEY=${DIFY_API_KEY}\n",
        "dify-api-key",
    ),
    (
        "links/.env",
        "DUB_API_KEY=dub_4IBKzb2SyUn1hoNZQaWRAhbY\n",
        "DUB_API_KEY=${DUB_API_KEY}\n",
        "dub-api-key",
    ),
    (
        "deploy/elastic.env",
        "EC_API_KEY=essu_dD2rsT8xMbvN6LgI8wXUy4ZAY-DHf3z3CsAoTRTa5NtvUcTu-qTJ7mOdq9nqZDY8vNmmXL0-Npq-7eHh\n",
        "EC_API_KEY=${EC_API_KEY}\n",
        "elastic-cloud-api-key",
    ),
    (
        ".github/endor.env",
        "ENDOR_API_CREDENTIALS_KEY=endr+d2VfQAsZIQY6LBZN\n",
        "ENDOR_API_CREDENTIALS_KEY=${ENDOR_API_CREDENTIALS_KEY}\n",
        "endor-labs-api-credential",
    ),
    (
        "notify/settings.env",
        "NOTIFY_API_KEY=gcntfy-prod_key-e6a6104c-9b8d-4029-858b-89b141c61340-5ab2b7e2-43fc-4471-80b2-d039f031f2b3\n",
        "NOTIFY_API_KEY=${NOTIFY_API_KEY}\n",
        "gc-notify-api-key",
    ),
    (
        "blog/.env",
        "GHOST_ADMIN_API_KEY=d987f4ca61f7b3c09e014439:8554fc954c6158b7cd9470c1cb228bf8a45df76634d50cd29eea9df5c3c46204\n",
        "GHOST_ADMIN_API_KEY=${GHOST_ADMIN_API_KEY}\n",
        "ghost-admin-api-key",
    ),
    (
        "checkout/hps.ts",
        "config.secretApiKey = 'skapi_cert_mRoNR1f4pSeQHMwxpd2GiKGkFaAe6MYk3pWzg85-_9';\n",
        "HEARTLAND_SECRET_API_KEY=${HEARTLAND_SECRET_API_KEY}\n",
        "heartland-secret-api-key",
    ),
    (
        "deploy/infisical.env",
        "INFISICAL_TOKEN=st.81b7b588-4972-4fc6-a4f4-bd866f9d1727.39b1336253774fda64c4e0a8efdfc1e0.48104df07f15ca75c9a65191bd83e911\n",
        "INFISICAL_TOKEN=${INFISICAL_TOKEN}\n",
        "infisical-service-token",
    ),
    (
        "social/.env",
        "INSTAGRAM_ACCESS_TOKEN=IGAAYlawJYujMqnY6l9POs3tvAlzqNeiRQCYMerClZcG0eIdASvjAZmuys7fHXEujClfykvAXgnhRrHpyVMcSCV3NZh3IKikKzdbasH4uS4Zn9znbOmamuVRgorBhwjc7wuprE02P6nz1J9nJJeLQ9g5VostvaCICvBmaQ1T8YVhN5WfR0G1Ud3B\n",
        "INSTAGRAM_ACCESS_TOKEN=${INSTAGRAM_ACCESS_TOKEN}\n",
        "instagram-access-token",
    ),
    (
        "mobile/.env",
        "IONIC_TOKEN=ion_9hc9AkS6IT7H4q0N2C2pvTkemdnxFzEo7TfwF5AHFM\n",
        "IONIC_TOKEN=${IONIC_TOKEN}\n",
        "ionic-personal-access-token",
    ),
    (
        "bot/lichess.env",
        "LICHESS_TOKEN=lip_DK8OLEzJA31eZQQmflnQ\n",
        "LICHESS_TOKEN=${LICHESS_TOKEN}\n",
        "lichess-api-token",
    ),
    (
        "collab/.env.local",
        "LIVEBLOCKS_SECRET_KEY=sk_dev_rGI0659A7WrK-LtzKN6Zeip-G5fLeS2mFVj3xS46Ft9GPlxnbsrDVBAGtJrDdb1y\n",
        "LIVEBLOCKS_SECRET_KEY=${LIVEBLOCKS_SECRET_KEY}\n",
        "liveblocks-secret-key",
    ),
    (
        "finance/.env",
        "MERCURY_API_TOKEN=secret-token:mercury_production_wma_vnCoQ3W2bTqdQ9sAp54u6D3VPpMmcBaLgnQkmeoDTdMjR_yrucrem\n",
        "MERCURY_API_TOKEN=${MERCURY_API_TOKEN}\n",
        "mercury-api-token",
    ),
    (
        "slides/.env",
        "GAMMA_API_KEY=sk-gamma-vnbIJNB0aheqhXsvHSBEwY8x0pxwj1tfxqV3Erpe43Q\n",
        "GAMMA_API_KEY=${GAMMA_API_KEY}\n",
        "gamma-api-key",
    ),
    (
        "scripts/ask.sh",
        "curl https://ai.hackclub.com/proxy/v1/chat/completions -H \"Authorization: Bearer sk-hc-v1-fddf66223a2d09375edff7cd73ac4461e3bee912f80ea7a0ffb75efd65cf09a8\"\n",
        "HACKCLUB_AI_API_KEY=${HACKCLUB_AI_API_KEY}\n",
        "hack-club-ai-api-key",
    ),
    (
        "llm/.env",
        "FRIENDLI_TOKEN=flp_aufTHSp6dKR7HnscQNgY9EO398vm8qnYaNZ21zvMJI6yZ\n",
        "FRIENDLI_TOKEN=${FRIENDLI_TOKEN}\n",
        "friendli-token",
    ),
    (
        "ci/mergify.env",
        "MERGIFY_API_KEY=mergify_application_key_Y4LPjceb5Hw2kmTP-xgsp8IemdeRVp_n9WEAb4e2JsFZXfxGJPwtNSPN2vnPmqVZ\n",
        "MERGIFY_API_KEY=${MERGIFY_API_KEY}\n",
        "mergify-application-key",
    ),
    (
        "scripts/publish.sh",
        "curl -F package=@dist/acme-1.2.0.tgz https://QlC4y3ozBRNi81ZpQsez@push.fury.io/acme-corp/\n",
        "curl -F package=@dist/acme-1.2.0.tgz https://${GEMFURY_TOKEN}@push.fury.io/acme-corp/\n",
        "gemfury-token-url",
    ),
    (
        "requirements.txt",
        "--extra-index-url https://pypi.fury.io/puggGPYS20UjIQKYmfDm/acme-corp/\n",
        "url = \"https://push.fury.io/apoclyps\"\n",
        "gemfury-token-path",
    ),
    (
        "cms/contentstack.env",
        "CONTENTSTACK_MANAGEMENT_TOKEN=cs316d768c08249edc972c36db\n",
        "CONTENTSTACK_MANAGEMENT_TOKEN=${CONTENTSTACK_MANAGEMENT_TOKEN}\n",
        "contentstack-management-token",
    ),
    (
        "flags/.env",
        "DEVCYCLE_SERVER_SDK_KEY=dvc_server_58129af9_a593_4fc8_946c_7948641976fb_64fcd80\n",
        "DEVCYCLE_SERVER_SDK_KEY=${DEVCYCLE_SERVER_SDK_KEY}\n",
        "devcycle-server-sdk-key",
    ),
];

/// A shared or short prefix without the provider's name on the line: (path, text, rule
/// that needs the name and must stay silent).
const WITHOUT_NAME: &[(&str, &str, &str)] = &[
    (
        "app/session.env",
        "TOKEN=api_EVnSM1zQTZ3CNmemVnWuFo.lYcFdAtxqmIbPVIugP1xiY\n",
        "close-api-key",
    ),
    (
        "app/cache.env",
        "SESSION_KEY=BSA0yj8Iq8Yhy2-1bApBqSWzqknJbdV\n",
        "brave-search-api-key",
    ),
    (
        "build/sums.txt",
        "checksum = 951dc8b4c2487a9b66414612:022f3198a30991a1e904772f332003e5c71e73997f8e7b3d234d86d775b04c76\n",
        "ghost-admin-api-key",
    ),
    (
        "app/values.env",
        "VALUE=dtW93Q.VvQDOk:IbLmWGaiuaiaRa3ipiJYHhiltNiICkxxY9PulMosi9L\n",
        "ably-api-key",
    ),
    (
        "app/aws.env",
        "AWS_KEY=ak_jvIi1Pyna5fHltHWOCuU\n",
        "composio-api-key",
    ),
    (
        "k8s/deploy.yaml",
        "metadata:\n  name: app-coo7xl4vv5egxn9s6k5jtae3\n",
        "dify-api-key",
    ),
    (
        "app/db.env",
        "DB_HOST=db-uolg0kp973yhohigdy67sck0t6liv\n",
        "databento-api-key",
    ),
    (
        "app/cache.py",
        "cache_key = 'key_b2c2fe1cbffa3e8535dfa76bc4bbd17956aaaa814c45cb54f7220da30046573a'\n",
        "cursor-api-key",
    ),
    (
        "app/stripe.env",
        "STRIPE_SECRET_KEY=sk_vlltjl3dg3adxgfuasfinvyz2mv\n",
        "checkout-secret-key",
    ),
];

/// One scan of every case: the credential under `with/`, its lookup under `lookup/`, the
/// shared prefixes without a name under `no-name/`; (rule id, path) of each finding.
fn findings() -> Vec<(String, String)> {
    let mut files: Vec<(String, &str)> = Vec::new();
    for (path, with, lookup, _) in CASES {
        files.push((format!("with/{path}"), with));
        files.push((format!("lookup/{path}"), lookup));
    }
    for (path, text, _) in WITHOUT_NAME {
        files.push((format!("no-name/{path}"), text));
    }
    let (_, found) = scan_files(files.iter().map(|(p, t)| (p.as_str(), t.to_string())));
    found
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().into(),
                f["path"].as_str().unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn prefix_families_are_reported_where_committed_and_never_for_a_lookup_or_without_the_name() {
    let found = findings();
    let at = |rule: &str, path: &str| found.iter().any(|(r, p)| r == rule && p.ends_with(path));
    for (path, _, _, rule) in CASES {
        assert!(
            at(rule, &format!("with/{path}")),
            "{rule} not reported in {path}: {found:?}"
        );
    }
    let lookups: Vec<_> = found
        .iter()
        .filter(|(_, p)| p.contains("lookup/"))
        .collect();
    assert!(
        lookups.is_empty(),
        "reported for a lookup or stand-in: {lookups:?}"
    );
    for (path, _, rule) in WITHOUT_NAME {
        assert!(
            !at(rule, &format!("no-name/{path}")),
            "{rule} reported without the provider's name in {path}"
        );
    }
}
