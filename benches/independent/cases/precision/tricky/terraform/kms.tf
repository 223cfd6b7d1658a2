resource "aws_kms_alias" "a" {
  name          = "alias/secrets"
  target_key_id = "mrk-68e620cf94014a0626d21eae38fd6331"
}
