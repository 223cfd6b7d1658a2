from jira import JIRA
jira = JIRA(server="https://jira.acme-corp.com", token_auth="vPGoIYpC6xlwHwzKzSJKtPyhMOsV3SCdMIOwmQkeMUEf")
