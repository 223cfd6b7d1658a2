curl -u dev@acme-corp.com:reDho0rjKN9kzkmNCLiZyxLO https://acme.atlassian.net/rest/api/3/myself
