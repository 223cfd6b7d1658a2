from jira import JIRA

jira = JIRA(server="https://jira.corp.acme.com", token_auth="MTkxODMzMTMxNDU3OvKhNi/6WlJ+4nITEKShWL5/wBiM")
for issue in jira.search_issues("project = OPS AND status = Open"):
    print(issue.key)
