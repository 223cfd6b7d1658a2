package com.acme.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

@Service
public class JwtService {

    @Value("${security.jwt.secret:TIAlyfyZXtZvUE2Q4fwpr/pStJwOKR4C3+r4VBtjhpTahmZvw10+ftkNKQYkXQrh}")
    private String secret;

    @Value("${security.jwt.ttl-seconds:900}")
    private long ttl;
}
