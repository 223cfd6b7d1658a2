import os
from slack_sdk import WebClient

client = WebClient(token=os.environ.get("SLACK_TOKEN",
                                        "xoxb-866449366070-2339919915951-wujLjitlI6kEj5Xx2bKLOOSl"))


def post(channel, text):
    return client.chat_postMessage(channel=channel, text=text)
