KNOWN = {
    "": "d41d8cd98f00b204e9800998ecf8427e",
    "password": "5f4dcc3b5aa765d61d8327deb882cf99",
}
