public static class Config {
    public static readonly string DbPassword = "RehCvacP" +
        "76~P^7La";
}
