//! Which leakhound rules stand for each rule of gitleaks's default configuration.
//!
//! A leakhound rule's *family* is the built-in rule file it comes from (`github` for
//! `rules/github.toml`); a gitleaks rule id maps to the family that finds the same
//! credentials. The table lists every rule id of gitleaks's default configuration
//! (`config/gitleaks.toml`, v8); `None` where leakhound has no such rules. It serves
//! `.gitleaksignore` (a fingerprint suppresses a finding of the same family) and the
//! converter (`disabledRules` disables the family).

use crate::rules::{Rule, RuleSet};

/// gitleaks rule id → leakhound family (built-in rule file stem).
const TABLE: &[(&str, Option<&str>)] = &[
    ("1password-secret-key", Some("1password")),
    ("1password-service-account-token", Some("1password")),
    ("adafruit-api-key", Some("adafruit")),
    ("adobe-client-id", Some("adobe")),
    ("adobe-client-secret", Some("adobe")),
    ("age-secret-key", Some("age")),
    ("airtable-api-key", Some("airtable")),
    ("algolia-api-key", Some("algolia")),
    ("alibaba-access-key-id", Some("alibaba-cloud")),
    ("alibaba-secret-key", Some("alibaba-cloud")),
    ("anthropic-admin-api-key", Some("anthropic")),
    ("anthropic-api-key", Some("anthropic")),
    ("artifactory-api-key", Some("jfrog")),
    ("artifactory-reference-token", Some("jfrog")),
    ("asana-client-id", Some("asana")),
    ("asana-client-secret", Some("asana")),
    ("atlassian-api-token", Some("atlassian")),
    ("authress-service-client-access-key", Some("authress")),
    ("aws-access-token", Some("aws")),
    ("azure-ad-client-secret", Some("azure")),
    ("beamer-api-token", Some("beamer")),
    ("bitbucket-client-id", None),
    ("bitbucket-client-secret", None),
    ("bittrex-access-key", Some("bittrex")),
    ("bittrex-secret-key", Some("bittrex")),
    ("cisco-meraki-api-key", Some("cisco-meraki")),
    ("clickhouse-cloud-api-secret-key", Some("clickhouse")),
    ("clojars-api-token", Some("clojars")),
    ("cloudflare-api-key", Some("cloudflare")),
    ("cloudflare-global-api-key", Some("cloudflare")),
    ("cloudflare-origin-ca-key", Some("cloudflare")),
    ("codecov-access-token", Some("codecov")),
    ("cohere-api-token", Some("cohere")),
    ("coinbase-access-token", Some("coinbase")),
    ("confluent-access-token", Some("confluent")),
    ("confluent-secret-key", Some("confluent")),
    ("contentful-delivery-api-token", Some("contentful")),
    ("curl-auth-header", Some("curl")),
    ("curl-auth-user", Some("curl")),
    ("database-password", Some("generic")),
    ("databricks-api-token", Some("databricks")),
    ("datadog-access-token", Some("datadog")),
    ("defined-networking-api-token", Some("defined-networking")),
    ("digitalocean-access-token", Some("digitalocean")),
    ("digitalocean-pat", Some("digitalocean")),
    ("digitalocean-refresh-token", Some("digitalocean")),
    ("discord-api-token", Some("discord")),
    ("discord-client-id", Some("discord")),
    ("discord-client-secret", Some("discord")),
    ("doppler-api-token", Some("doppler")),
    ("droneci-access-token", Some("drone-ci")),
    ("dropbox-api-token", Some("dropbox")),
    ("dropbox-long-lived-api-token", Some("dropbox")),
    ("dropbox-short-lived-api-token", Some("dropbox")),
    ("duffel-api-token", Some("duffel")),
    ("dynatrace-api-token", Some("dynatrace")),
    ("easypost-api-token", Some("easypost")),
    ("easypost-test-api-token", Some("easypost")),
    ("etsy-access-token", Some("etsy")),
    ("facebook-access-token", Some("facebook")),
    ("facebook-page-access-token", Some("facebook")),
    ("facebook-secret", Some("facebook")),
    ("fastly-api-token", Some("fastly")),
    ("finicity-api-token", Some("finicity")),
    ("finicity-client-secret", Some("finicity")),
    ("finnhub-access-token", Some("finnhub")),
    ("flickr-access-token", Some("flickr")),
    ("flutterwave-encryption-key", Some("flutterwave")),
    ("flutterwave-public-key", Some("flutterwave")),
    ("flutterwave-secret-key", Some("flutterwave")),
    ("flyio-access-token", Some("flyio")),
    ("frameio-api-token", Some("frameio")),
    ("freemius-secret-key", Some("freemius")),
    ("freshbooks-access-token", Some("freshbooks")),
    ("gcp-api-key", Some("google")),
    ("generic-api-key", Some("generic")),
    ("github-app-token", Some("github")),
    ("github-fine-grained-pat", Some("github")),
    ("github-oauth", Some("github")),
    ("github-pat", Some("github")),
    ("github-refresh-token", Some("github")),
    ("gitlab-cicd-job-token", Some("gitlab")),
    ("gitlab-deploy-token", Some("gitlab")),
    ("gitlab-feature-flag-client-token", Some("gitlab")),
    ("gitlab-feed-token", Some("gitlab")),
    ("gitlab-incoming-mail-token", Some("gitlab")),
    ("gitlab-kubernetes-agent-token", Some("gitlab")),
    ("gitlab-oauth-app-secret", Some("gitlab")),
    ("gitlab-pat", Some("gitlab")),
    ("gitlab-pat-routable", Some("gitlab")),
    ("gitlab-ptt", Some("gitlab")),
    ("gitlab-rrt", Some("gitlab")),
    ("gitlab-runner-authentication-token", Some("gitlab")),
    (
        "gitlab-runner-authentication-token-routable",
        Some("gitlab"),
    ),
    ("gitlab-scim-token", Some("gitlab")),
    ("gitlab-session-cookie", Some("gitlab")),
    ("gitter-access-token", Some("gitter")),
    ("gocardless-api-token", Some("gocardless")),
    ("grafana-api-key", Some("grafana")),
    ("grafana-cloud-api-token", Some("grafana")),
    ("grafana-service-account-token", Some("grafana")),
    ("harness-api-key", Some("harness")),
    ("hashicorp-tf-api-token", Some("terraform")),
    ("hashicorp-tf-password", Some("generic")),
    ("heroku-api-key", Some("heroku")),
    ("heroku-api-key-v2", Some("heroku")),
    ("hubspot-api-key", Some("hubspot")),
    ("huggingface-access-token", Some("huggingface")),
    ("huggingface-organization-api-token", Some("huggingface")),
    ("infracost-api-token", Some("infracost")),
    ("intercom-api-key", Some("intercom")),
    ("intra42-client-secret", Some("intra42")),
    ("jfrog-api-key", Some("jfrog")),
    ("jfrog-identity-token", Some("jfrog")),
    ("jwt", Some("jwt")),
    ("jwt-base64", Some("jwt")),
    ("kraken-access-token", Some("kraken")),
    ("kubernetes-secret-yaml", Some("kubernetes")),
    ("kucoin-access-token", Some("kucoin")),
    ("kucoin-secret-key", Some("kucoin")),
    ("launchdarkly-access-token", Some("launchdarkly")),
    ("linear-api-key", Some("linear")),
    ("linear-client-secret", Some("linear")),
    ("linkedin-client-id", Some("linkedin")),
    ("linkedin-client-secret", Some("linkedin")),
    ("lob-api-key", Some("lob")),
    ("lob-pub-api-key", Some("lob")),
    ("mailchimp-api-key", Some("mailchimp")),
    ("mailgun-private-api-token", Some("mailgun")),
    ("mailgun-pub-key", Some("mailgun")),
    ("mailgun-signing-key", Some("mailgun")),
    ("mapbox-api-token", Some("mapbox")),
    ("mattermost-access-token", Some("mattermost")),
    ("maxmind-license-key", Some("maxmind")),
    ("messagebird-api-token", Some("messagebird")),
    ("messagebird-client-id", Some("messagebird")),
    ("microsoft-teams-webhook", Some("microsoft-teams")),
    ("netlify-access-token", Some("netlify")),
    ("new-relic-browser-api-token", Some("new-relic")),
    ("new-relic-insert-key", Some("new-relic")),
    ("new-relic-user-api-id", Some("new-relic")),
    ("new-relic-user-api-key", Some("new-relic")),
    ("notion-api-token", Some("notion")),
    ("npm-access-token", Some("npm")),
    ("nuget-config-password", Some("nuget")),
    ("nytimes-access-token", Some("nytimes")),
    ("octopus-deploy-api-key", Some("octopus-deploy")),
    ("okta-access-token", Some("okta")),
    ("openai-api-key", Some("openai")),
    ("openshift-user-token", Some("openshift")),
    ("perplexity-api-key", Some("perplexity")),
    ("pkcs12-file", None),
    ("plaid-api-token", Some("plaid")),
    ("plaid-client-id", Some("plaid")),
    ("plaid-secret-key", Some("plaid")),
    ("planetscale-api-token", Some("planetscale")),
    ("planetscale-oauth-token", Some("planetscale")),
    ("planetscale-password", Some("planetscale")),
    ("postman-api-token", Some("postman")),
    ("prefect-api-token", Some("prefect")),
    ("private-key", Some("private-keys")),
    ("privateai-api-token", Some("private-ai")),
    ("pulumi-api-token", Some("pulumi")),
    ("pypi-upload-token", Some("pypi")),
    ("rapidapi-access-token", Some("rapidapi")),
    ("readme-api-token", Some("readme")),
    ("rubygems-api-token", Some("rubygems")),
    ("scalingo-api-token", Some("scalingo")),
    ("sendbird-access-id", Some("sendbird")),
    ("sendbird-access-token", Some("sendbird")),
    ("sendgrid-api-token", Some("sendgrid")),
    ("sendinblue-api-token", Some("brevo")),
    ("sentry-access-token", Some("sentry")),
    ("sentry-org-token", Some("sentry")),
    ("sentry-user-token", Some("sentry")),
    ("settlemint-application-access-token", Some("settlemint")),
    ("settlemint-personal-access-token", Some("settlemint")),
    ("settlemint-service-access-token", Some("settlemint")),
    ("shippo-api-token", Some("shippo")),
    ("shopify-access-token", Some("shopify")),
    ("shopify-custom-access-token", Some("shopify")),
    ("shopify-private-app-access-token", Some("shopify")),
    ("shopify-shared-secret", Some("shopify")),
    ("sidekiq-secret", Some("sidekiq")),
    ("sidekiq-sensitive-url", Some("sidekiq")),
    ("slack-app-token", Some("slack")),
    ("slack-bot-token", Some("slack")),
    ("slack-config-access-token", Some("slack")),
    ("slack-config-refresh-token", Some("slack")),
    ("slack-legacy-bot-token", Some("slack")),
    ("slack-legacy-token", Some("slack")),
    ("slack-legacy-workspace-token", Some("slack")),
    ("slack-user-token", Some("slack")),
    ("slack-webhook-url", Some("slack")),
    ("snyk-api-token", Some("snyk")),
    ("sonar-api-token", Some("sonarqube")),
    ("sourcegraph-access-token", Some("sourcegraph")),
    ("square-access-token", Some("square")),
    ("squarespace-access-token", Some("squarespace")),
    ("stripe-access-token", Some("stripe")),
    ("sumologic-access-id", Some("sumologic")),
    ("sumologic-access-token", Some("sumologic")),
    ("telegram-bot-api-token", Some("telegram")),
    ("travisci-access-token", Some("travis-ci")),
    ("twilio-api-key", Some("twilio")),
    ("twitch-api-token", Some("twitch")),
    ("twitter-access-secret", Some("twitter")),
    ("twitter-access-token", Some("twitter")),
    ("twitter-api-key", Some("twitter")),
    ("twitter-api-secret", Some("twitter")),
    ("twitter-bearer-token", Some("twitter")),
    ("typeform-api-token", Some("typeform")),
    ("vault-batch-token", Some("hashicorp-vault")),
    ("vault-service-token", Some("hashicorp-vault")),
    ("yandex-access-token", Some("yandex")),
    ("yandex-api-key", Some("yandex")),
    ("yandex-aws-access-token", Some("yandex")),
    ("zendesk-secret-key", Some("zendesk")),
];

/// The leakhound family of a gitleaks rule id: `None` for an id that is not one of
/// gitleaks's default rules, or one leakhound has no rules for.
pub fn family_of_gitleaks(id: &str) -> Option<&'static str> {
    TABLE
        .iter()
        .find(|(g, _)| *g == id)
        .and_then(|(_, family)| *family)
}

/// The gitleaks default rules that stand for leakhound's `family`.
pub fn gitleaks_ids_of(family: &str) -> Vec<&'static str> {
    TABLE
        .iter()
        .filter(|(_, f)| *f == Some(family))
        .map(|(g, _)| *g)
        .collect()
}

/// Whether `id` is a rule of gitleaks's default configuration.
pub fn is_gitleaks_default(id: &str) -> bool {
    TABLE.iter().any(|(g, _)| *g == id)
}

/// The family of a leakhound rule: the stem of its built-in rule file; `None` for a
/// user's rule.
pub fn family_of(rule: &Rule) -> Option<&str> {
    rule.source
        .strip_prefix("rules/")
        .and_then(|f| f.strip_suffix(".toml"))
}

/// Whether a finding of `rule` is what gitleaks rule `gitleaks_id` reports: the same
/// id (a converted custom rule keeps its gitleaks id), or the same family.
pub fn stands_for(gitleaks_id: &str, rule: &Rule) -> bool {
    rule.id() == gitleaks_id
        || family_of_gitleaks(gitleaks_id).is_some_and(|f| family_of(rule) == Some(f))
}

/// The ids of the rules of `set` that stand for `gitleaks_id`.
pub fn rules_for<'a>(gitleaks_id: &str, set: &'a RuleSet) -> Vec<&'a str> {
    set.rules()
        .iter()
        .filter(|r| stands_for(gitleaks_id, r))
        .map(Rule::id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every family the table names is a built-in rule file, and the ids are unique.
    #[test]
    fn every_family_exists() {
        let set = RuleSet::builtin();
        let mut seen = std::collections::HashSet::new();
        for (id, family) in TABLE {
            assert!(seen.insert(*id), "{id} twice");
            if let Some(f) = family {
                assert!(
                    set.rules().iter().any(|r| family_of(r) == Some(f)),
                    "{id}: no built-in rule file {f}"
                );
            }
        }
        assert!(TABLE.len() > 200);
    }

    #[test]
    fn lookups() {
        let set = RuleSet::builtin();
        assert_eq!(family_of_gitleaks("github-pat"), Some("github"));
        assert_eq!(family_of_gitleaks("gcp-api-key"), Some("google"));
        assert_eq!(family_of_gitleaks("bitbucket-client-id"), None);
        assert!(is_gitleaks_default("bitbucket-client-id"));
        assert!(!is_gitleaks_default("acme-key"));
        let github = rules_for("github-pat", &set);
        assert!(github.contains(&"github-pat-classic"), "{github:?}");
        assert!(rules_for("generic-api-key", &set).contains(&"generic-secret-assignment"));
        assert!(rules_for("acme-key", &set).is_empty());
    }
}
