from cryptography.fernet import Fernet
import secrets

SECRET_KEY = secrets.token_hex(32)
encryption_key = Fernet.generate_key()
signing_key_path = "/etc/acme/keys/signing.pem"
