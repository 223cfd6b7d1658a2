GOOGLE_CLIENT_ID = "523977279730-v8gf4xhe1kfla4rez66wa3u4xldvr62w.apps.googleusercontent.com"
PUBLIC_KEY_ID = "17e366bf5bcfc7d487992244bcf00d5c7ce6356a"
