Import-Module ActiveDirectory
$secure = ConvertTo-SecureString "o#^e92AruPUS7Kc*" -AsPlainText -Force
New-ADUser -Name "svc-backup" -AccountPassword $secure -Enabled $true
