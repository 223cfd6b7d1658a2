public final class Magic {
    public static final long FNV_OFFSET = 0xcbf29ce484222325L;
    public static final String BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    public static final String GOLDEN = "9e3779b97f4a7c15f39cc0605cedc834";
}
