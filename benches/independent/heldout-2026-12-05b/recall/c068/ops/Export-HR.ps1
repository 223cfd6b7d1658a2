$cs = "Data Source=sql01;Initial Catalog=HR;User Id=hr_app;Password=SB~40QyPAC!7aUiT;"
$conn = New-Object System.Data.SqlClient.SqlConnection $cs
$conn.Open()
