public final class Headers {
    public static final String API_KEY_HEADER = "X-Api-Key";
    public static final String TOKEN_PREFIX = "Bearer ";
    public static final String PASSWORD_PARAM = "j_password";
}
