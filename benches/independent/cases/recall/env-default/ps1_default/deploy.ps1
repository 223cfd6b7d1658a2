param(
    [string]$Server = "sql01.acme-corp.com",
    [string]$SqlPassword = $env:SQL_PASSWORD
)
if (-not $SqlPassword) { $SqlPassword = "EC#2zYtWXKkNQqJN" }
Invoke-Sqlcmd -ServerInstance $Server -Username deploy -Password $SqlPassword -InputFile .\migrate.sql
