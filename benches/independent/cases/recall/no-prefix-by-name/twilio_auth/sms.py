from twilio.rest import Client
account_sid = "AC33bb03ff61e86d39d6cfdd22bda83ebb"
auth_token = "1ef58ccc8a83762fbc683c9c1846f9fc"
client = Client(account_sid, auth_token)
