import pyodbc

conn = pyodbc.connect(
    "Driver={ODBC Driver 18 for SQL Server};Server=sql02.corp.local;Database=Finance;"
    "Uid=fin_reader;Pwd={p0CrNr#~n9PARk8l};Encrypt=yes;TrustServerCertificate=yes;"
)
