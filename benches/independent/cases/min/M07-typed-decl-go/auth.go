var apiSecret string = "lotq0JNvPvEGrh0V"
