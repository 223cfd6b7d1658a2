import binascii

AES_KEY = "d8bc89a52a14d097c6139eef055d8c2fc9c51035ef33d18fca1d6b646969752b"
AES_KEY_BYTES = binascii.unhexlify(AES_KEY)
