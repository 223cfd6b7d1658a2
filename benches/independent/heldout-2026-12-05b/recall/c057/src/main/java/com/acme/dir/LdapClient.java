package com.acme.dir;

import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.directory.InitialDirContext;

public class LdapClient {
    public InitialDirContext connect() throws Exception {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, "ldap://dc01.corp.local:389");
        env.put(Context.SECURITY_AUTHENTICATION, "simple");
        env.put(Context.SECURITY_PRINCIPAL, "CN=svc-portal,OU=Service Accounts,DC=corp,DC=local");
        env.put(Context.SECURITY_CREDENTIALS, "IrpX42xblU-XS+_4");
        return new InitialDirContext(env);
    }
}
