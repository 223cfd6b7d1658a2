$user = "ACME\svc_backup"
$secure = ConvertTo-SecureString "L*u~snTEgu8R#FsB" -AsPlainText -Force
$cred = New-Object System.Management.Automation.PSCredential($user, $secure)
New-PSDrive -Name B -PSProvider FileSystem -Root \\backup01\share -Credential $cred
