resource "aws_ssm_parameter" "db_password" {
  name  = "/prod/orders/db_password"
  type  = "SecureString"
  value = "tHSc*WCc60z*^x735t"
}
