class LdapClient {
  void c(java.util.Hashtable<String,String> env) {
    env.put(Context.SECURITY_PRINCIPAL, "CN=svc-portal,OU=Service Accounts,DC=corp,DC=local");
    env.put(Context.SECURITY_CREDENTIALS, "IrpX42xblU-XS+_4");
  }
}
