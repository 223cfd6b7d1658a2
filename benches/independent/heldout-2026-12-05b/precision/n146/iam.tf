data "aws_secretsmanager_secret" "db" {
  arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-password-AbC12d"
}
locals {
  kms_key_id = "arn:aws:kms:eu-west-1:123456789012:key/533f821f-ebaa-431a-87b2-60e03fb6e2f6"
}
