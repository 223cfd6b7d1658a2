//! The environment variable a rule suggests for its secret: the fallback name of a fix
//! when the secret is not assigned to a name on its line.

use crate::rules::Rule;

/// The variable that should hold the replacement credential.
///
/// The rule's `env_var`, else the first backticked `ALL_CAPS_WITH_UNDERSCORES` name in
/// its *Keep it out of code* step, else anywhere in its remediation, else
/// `<PROVIDER>_SECRET` (the provider upper-cased, each run of other characters turned
/// into one `_`).
pub(crate) fn suggested_env_var(rule: &Rule) -> String {
    if let Some(name) = &rule.def.env_var {
        return name.clone();
    }
    let remediation = &rule.def.remediation;
    steps(remediation)
        .iter()
        .find(|s| {
            s.label
                .is_some_and(|l| l.eq_ignore_ascii_case("Keep it out of code"))
        })
        .and_then(|s| first_env_name(&s.text))
        .or_else(|| first_env_name(remediation))
        .unwrap_or_else(|| provider_env_var(&rule.provider))
}

/// One numbered step of a remediation.
struct Step<'a> {
    /// The bold label before the colon: `**Rotate**:` gives `Rotate`.
    label: Option<&'a str>,
    /// The step's whole text, continuation lines included.
    text: String,
}

/// The numbered steps (`1. …`, `2) …`) of a remediation text.
fn steps(remediation: &str) -> Vec<Step<'_>> {
    let mut steps: Vec<Step<'_>> = Vec::new();
    for line in remediation.lines() {
        let trimmed = line.trim_start();
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        let after = &trimmed[digits..];
        let body = (digits > 0)
            .then(|| {
                after
                    .strip_prefix(". ")
                    .or_else(|| after.strip_prefix(") "))
            })
            .flatten();
        match body {
            Some(body) => steps.push(Step {
                label: step_label(body.trim_start()),
                text: body.to_string(),
            }),
            None => {
                if let Some(step) = steps.last_mut() {
                    step.text.push('\n');
                    step.text.push_str(line);
                }
            }
        }
    }
    steps
}

/// `**Label**:` or `**Label:**` at the start of a step.
fn step_label(body: &str) -> Option<&str> {
    let inner = body.strip_prefix("**")?;
    let (label, after) = inner.split_once("**")?;
    if let Some(label) = label.strip_suffix(':') {
        Some(label.trim())
    } else {
        after.starts_with(':').then(|| label.trim())
    }
}

/// The first single-backtick code span holding an environment variable name.
fn first_env_name(text: &str) -> Option<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .find(|s| is_env_name(s))
        .map(str::to_string)
}

/// `ALL_CAPS_WITH_UNDERSCORES`: an upper-case letter first, at least one inner `_`.
fn is_env_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase())
        && !s.ends_with('_')
        && s.contains('_')
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// `<PROVIDER>_SECRET`: "Azure DevOps" gives `AZURE_DEVOPS_SECRET`.
fn provider_env_var(provider: &str) -> String {
    let mut name = String::new();
    for c in provider.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_uppercase());
        } else if !name.is_empty() && !name.ends_with('_') {
            name.push('_');
        }
    }
    if !name.is_empty() && !name.ends_with('_') {
        name.push('_');
    }
    name.push_str("SECRET");
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn rule<'r>(rules: &'r RuleSet, id: &str) -> &'r Rule {
        rules
            .rules()
            .iter()
            .find(|r| r.id() == id)
            .expect("a built-in rule")
    }

    fn rule_with(provider: &str, remediation: &str) -> Rule {
        let mut r = Rule::for_test("r", "x", &["x"]);
        r.provider = provider.into();
        r.def.remediation = remediation.into();
        r
    }

    #[test]
    fn env_var_comes_from_the_keep_it_out_of_code_step() {
        let rules = RuleSet::builtin();
        let var = |id: &str| suggested_env_var(rule(&rules, id));
        assert_eq!(var("github-pat-classic"), "GITHUB_TOKEN");
        assert_eq!(var("private-key-rsa"), "SSH_PRIVATE_KEY");

        let r = rule_with(
            "Acme",
            "Hint.\n\n1. **Rotate**: set `OLD_NAME` aside.\n2. **Keep it out of code**: read\n   \
             it from `ACME_API_KEY` or `OTHER_KEY`.\n",
        );
        assert_eq!(suggested_env_var(&r), "ACME_API_KEY");
        let r = rule_with(
            "Acme",
            "Hint.\n\n1. **Rotate:** set `ACME_TOKEN` aside.\n2. **Keep it out of code**: \
             use `.env`, `HOME`, `lower_case`, `TRAILING_`.\n",
        );
        assert_eq!(suggested_env_var(&r), "ACME_TOKEN");
        assert_eq!(
            suggested_env_var(&rule_with("Azure DevOps", "")),
            "AZURE_DEVOPS_SECRET"
        );
        assert_eq!(
            suggested_env_var(&rule_with("Paypal / Braintree", "Just revoke it.")),
            "PAYPAL_BRAINTREE_SECRET"
        );
        assert_eq!(suggested_env_var(&rule_with("", "")), "SECRET");
        let mut r = rule_with(
            "Acme",
            "Hint.\n\n1. **Keep it out of code**: `ACME_API_KEY`.\n",
        );
        r.def.env_var = Some("ACME_TOKEN".into());
        assert_eq!(suggested_env_var(&r), "ACME_TOKEN");
    }

    #[test]
    fn every_builtin_rule_suggests_a_shell_name_from_its_steps() {
        for rule in RuleSet::builtin().rules() {
            let var = suggested_env_var(rule);
            // A shell name (Terraform's `TF_TOKEN_app_terraform_io` has lower case).
            assert!(
                var.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                    && var.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'),
                "{}: {var}",
                rule.id()
            );
            // Only the rules that name nothing fall back to the provider's name.
            if var == provider_env_var(&rule.provider) {
                assert!(
                    matches!(rule.provider.as_str(), "Kubernetes" | "dotenv"),
                    "{}: give it an env_var",
                    rule.id()
                );
            }
            let labels: Vec<_> = steps(&rule.def.remediation)
                .iter()
                .filter_map(|s| s.label)
                .collect();
            assert!(
                labels.contains(&"Keep it out of code"),
                "{}: {labels:?}",
                rule.id()
            );
        }
    }
}
