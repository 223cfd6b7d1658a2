package com.acme.pay;

import java.io.FileInputStream;
import java.security.KeyStore;

public final class TlsConfig {
    static KeyStore load() throws Exception {
        String path = System.getenv().getOrDefault("KEYSTORE_PATH", "/etc/pay/keystore.p12");
        char[] pass = System.getenv().getOrDefault("KEYSTORE_PASSWORD", "HzNq!^7QXAY6D3N^").toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(path)) {
            ks.load(in, pass);
        }
        return ks;
    }
}
