provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.46.0"
  constraints = "~> 5.0"
  hashes = [
    "h1:fdJ1VjB6gdRWe8RaqkpkCc29Ki7Sk52LQfAEXW5qE3Y=",
    "zh:ae9588c7a77352d18b229e6e116a11e431dcbdcde2c7beaf2f89b831f5c674c8",
    "zh:d5ee6d82673b4c6634cbdf39229c7fd9513d2ebb441725ed361be43129daff96",
  ]
}
