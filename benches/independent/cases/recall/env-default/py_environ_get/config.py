import os


class Config:
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SECRET_KEY = os.environ.get('FLASK_SECRET_KEY', 'nhPg2O2v8RYOJgw3dQtGwUHG')
    MAIL_SERVER = os.environ.get('MAIL_SERVER', 'smtp.mailgun.org')
