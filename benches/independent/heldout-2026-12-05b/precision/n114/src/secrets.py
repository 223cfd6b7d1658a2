import boto3

SECRET_NAME = "prod/payments/stripe-secret-key"
PASSWORD_PARAM = "/prod/db/password"

def get_secret():
    return boto3.client("secretsmanager").get_secret_value(SecretId=SECRET_NAME)["SecretString"]
