package com.acme.ci;

import java.util.Base64;

class GitLab {
    static final String TOKEN = new String(Base64.getDecoder().decode("Z2xwYXQtWXVxbTFEMFVueERSMllCT25TMEU="));
}
