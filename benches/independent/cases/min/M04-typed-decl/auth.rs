const API_SECRET: &str = "lotq0JNvPvEGrh0V";
