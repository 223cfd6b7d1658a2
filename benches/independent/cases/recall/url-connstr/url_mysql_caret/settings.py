SQLALCHEMY_DATABASE_URI = "mysql+pymysql://shop:vsJpQ1xt9*wNMrJ6@mysql01.acme-corp.com:3306/shop"
