$password = $env:SQL_PASSWORD
$secure = ConvertTo-SecureString $password -AsPlainText -Force
