resource "aws_db_instance" "db" {
  username = "admin"
  password = var.db_password
}
resource "random_password" "api" {
  length  = 32
  special = true
}
