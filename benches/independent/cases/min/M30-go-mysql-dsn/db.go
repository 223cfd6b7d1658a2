db, err := sql.Open("mysql", "shop:Rk7q2ZxLm9PwT4vN@tcp(mysql.acme-corp.com:3306)/shop")
