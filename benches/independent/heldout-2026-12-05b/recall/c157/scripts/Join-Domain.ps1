$user = "CORP\joiner"
$password = "x4!lGyHnJSDk*eI0"
$cred = New-Object PSCredential($user, (ConvertTo-SecureString $password -AsPlainText -Force))
Add-Computer -DomainName corp.local -Credential $cred -Restart
