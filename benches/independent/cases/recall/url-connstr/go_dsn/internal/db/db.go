package db

import (
	"database/sql"
	_ "github.com/go-sql-driver/mysql"
)

func Open() (*sql.DB, error) {
	return sql.Open("mysql", "shop:t1DbU93NnD2n9v#u@tcp(mysql.acme-corp.com:3306)/shop?parseTime=true")
}
