public class Pay {
    static final String KEY = "sk_live_RSlYVz7MnqMl"
        + "sn7t8n0KqulmoQHeZSR3";
}
