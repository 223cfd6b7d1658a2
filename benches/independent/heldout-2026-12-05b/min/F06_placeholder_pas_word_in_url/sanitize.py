class T:
    def setup_method(self):
        self.SSH_SECRET = 'username:pas:word@foo.com/data'
