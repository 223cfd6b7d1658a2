param(
    [string]$Server = "sql01",
    [string]$Database = "HR"
)

$user = if ($env:SA_USER) { $env:SA_USER } else { 'sa' }
$pass = if ($env:SA_PASSWORD) { $env:SA_PASSWORD } else { 'vHA^iW232nzWc^2z' }

Invoke-Sqlcmd -ServerInstance $Server -Database $Database -Username $user -Password $pass -InputFile .\restore.sql
