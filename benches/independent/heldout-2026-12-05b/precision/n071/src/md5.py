KNOWN = {
    "": "d41d8cd98f00b204e9800998ecf8427e",
    "a": "0cc175b9c0f1b6a831c399e269772661",
    "password": "5f4dcc3b5aa765d61d8327deb882cf99",
}
