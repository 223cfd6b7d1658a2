const API_SECRET: &str = "lot^0JNvPvEGrh0V";
