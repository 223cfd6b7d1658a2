#!/bin/sh
ldapsearch -LLL -H ldaps://ldap.acme-corp.com \
  -D "cn=sync,ou=services,dc=acme,dc=com" -w 'Z0dhtq498v5~eSdH' \
  -b "ou=people,dc=acme,dc=com" "(objectClass=person)" mail
