ldapsearch -H ldaps://ldap.acme-corp.com \
  -D "cn=sync,dc=acme,dc=com" -w Rk7q2ZxLm9PwT4vN \
  -b "dc=acme,dc=com"
