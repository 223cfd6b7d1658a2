private val apiSecret: String = "lotq0JNvPvEGrh0V"
