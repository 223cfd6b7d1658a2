class GlobalConfig:
    secret_key = "askdjghsdfjkghWupUjasdflkdfklgjsdfjajkghs"
