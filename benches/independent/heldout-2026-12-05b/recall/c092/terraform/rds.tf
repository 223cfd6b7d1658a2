resource "aws_db_instance" "main" {
  identifier        = "main"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  username          = "dbadmin"
  master_password   = "RvsqCtsC9gE!mswR!0"
  allocated_storage = 50
}
