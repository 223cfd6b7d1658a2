MOCK_TOKENS = {"valid": "tok_valid_for_mock_server", "expired": "tok_expired_for_mock_server"}
