import pyodbc

conn = pyodbc.connect(
    "DRIVER={ODBC Driver 18 for SQL Server};SERVER=sql02.acme-corp.com;DATABASE=dw;UID=etl;PWD=SDPf0RHWaQkV-^c8"
)
