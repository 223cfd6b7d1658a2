from slack_bolt.adapter.socket_mode import SocketModeHandler
from app import app

SocketModeHandler(app, "xapp-1-ATOGEJ734NN-4025404038093-7746aa05a00783a091e0b953e091b17f4342c41f57bba572a4adcd8656043d3f").start()
