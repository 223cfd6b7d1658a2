def login(username: str, password: str) -> Token:
    token = create_access_token(subject=username)
    return Token(access_token=token, token_type="bearer")
