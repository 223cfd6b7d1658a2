const token = "fake-token-for-tests";
mockFetch.mockResolvedValue({ ok: true });
