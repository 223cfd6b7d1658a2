ACCESS_KEY_STRING = "AccountName=name;skdkskd"
