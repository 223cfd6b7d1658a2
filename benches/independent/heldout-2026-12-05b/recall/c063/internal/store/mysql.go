package store

import (
	"database/sql"

	_ "github.com/go-sql-driver/mysql"
)

func Open() (*sql.DB, error) {
	return sql.Open("mysql", "billing:HIJ!RWBf0~FokUej@tcp(mysql.billing.svc:3306)/billing?parseTime=true")
}
