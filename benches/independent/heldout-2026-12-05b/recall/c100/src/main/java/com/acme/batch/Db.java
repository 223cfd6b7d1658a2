package com.acme.batch;

class Db {
    static final String URL = "jdbc:mysql://batch-db:3306/batch";
    static final String PASSWORD = "G#KsVfuTE" +
            "xW4Aj*n6E";
}
