$password = $env:DEPLOY_PASSWORD
$secure = ConvertTo-SecureString $password -AsPlainText -Force
$cred = Get-Credential -UserName "CORP\deploy" -Message "Deploy account"
