func TestLoad(t *testing.T) {
	cfg := Config{Password: "testpassword"}
	_ = cfg
}
