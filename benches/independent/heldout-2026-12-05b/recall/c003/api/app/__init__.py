from flask import Flask
from flask_jwt_extended import JWTManager
import os


def create_app():
    app = Flask(__name__)
    app.config["JWT_SECRET_KEY"] = os.environ.get("JWT_SECRET_KEY") or "2d76c977d55919cedbb87704675d806ac5962a18f3d777fc10daa2b4c4f8f37a"
    app.config["JWT_ACCESS_TOKEN_EXPIRES"] = 3600
    JWTManager(app)
    return app
