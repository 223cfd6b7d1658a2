from flask import Flask

app = Flask(__name__)
app.secret_key = b"a465921a49e185abeed8a4709c6d058a5d3b2144bb749a9f"
