def test_rfc6238():
    secret = "12345678901234567890"
    assert totp(secret, 59) == "94287082"

DOC_SECRET = "JBSWY3DPEHPK3PXP"
