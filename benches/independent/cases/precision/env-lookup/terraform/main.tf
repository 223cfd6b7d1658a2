resource "aws_db_instance" "main" {
  password = var.db_password
  username = "admin"
}
resource "random_password" "master" {
  length = 32
}
