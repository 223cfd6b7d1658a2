import pyodbc
cs = "Driver={ODBC Driver 17 for SQL Server};Server=tcp:sql03.acme-corp.com,1433;Uid=loader;Pwd={bKcp8jf8SQ-#216H};Encrypt=yes;"
conn = pyodbc.connect(cs)
