import boto3

s3 = boto3.client("s3", aws_access_key_id="AKIAEEAS3IIVSQTL4MQG", aws_secret_access_key="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", region_name="us-east-1")
