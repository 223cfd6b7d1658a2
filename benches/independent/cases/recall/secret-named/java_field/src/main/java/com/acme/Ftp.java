package com.acme;

public class Ftp {
    private String host = "ftp.acme-corp.com";
    private String password = "9#LjP_jt*EEJCDG6";
}
