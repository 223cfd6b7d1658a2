@Test void rejectsWrongToken() {
    assertThrows(AuthException.class, () -> auth.verify("not-a-real-token"));
}
