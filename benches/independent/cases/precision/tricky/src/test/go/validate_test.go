var cases = []struct{ in string; ok bool }{
	{"ghp_invalidtoken", false},
	{"sk_test_123", false},
}
