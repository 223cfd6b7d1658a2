const nonce = "J/jnH17D39tUOT5NSnWfhA==";
const integrity = "sha384-5/FtMfhQ9peKR+TkMvYFoXwKeGWz6lIPiF5oIMCZmLAHRQjcJh9Z/KcQtNIX48L4";
