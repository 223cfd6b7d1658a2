cs = "Driver={ODBC Driver 17};Server=sql03.acme-corp.com;Uid=loader;Pwd={Rk7q2ZxLm9PwT4vN};"
