SECRET_KEY = "please-change-me"  # overridden in production
