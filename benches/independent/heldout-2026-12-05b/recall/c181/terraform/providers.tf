provider "aws" {
  region     = "eu-central-1"
  access_key = "AKIAFX4NYB7BI2RKOSTT"
  secret_key = "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"
}
