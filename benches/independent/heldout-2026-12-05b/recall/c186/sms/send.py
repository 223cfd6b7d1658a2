from twilio.rest import Client

account_sid = "AC059724645a9a1e2cef62d66cb942a86d"
auth_token = "7cf66f8ad02838ea679fc0b18d7e9e55"
client = Client(account_sid, auth_token)
