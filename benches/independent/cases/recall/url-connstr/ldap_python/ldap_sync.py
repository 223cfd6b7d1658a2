import ldap3

server = ldap3.Server("ldaps://ldap.acme-corp.com")
conn = ldap3.Connection(server, user="cn=admin,dc=acme,dc=com", password="VQE_KfGur_Q6O%x2", auto_bind=True)
