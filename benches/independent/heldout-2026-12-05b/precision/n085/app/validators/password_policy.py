import re

PASSWORD_MIN_LENGTH = 12
PASSWORD_REGEX = re.compile(r"^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[!@#$%^&*]).{12,}$")
COMMON_PASSWORDS = {"password", "123456", "qwerty", "letmein", "Password1!"}


def validate(password: str) -> bool:
    return bool(PASSWORD_REGEX.match(password)) and password not in COMMON_PASSWORDS
