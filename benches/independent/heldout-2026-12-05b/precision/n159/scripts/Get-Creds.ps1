$password = Read-Host -AsSecureString "Password"
$token = (Get-AzAccessToken).Token
$secret = Get-Secret -Name "SqlAdmin" -Vault "AcmeVault"
