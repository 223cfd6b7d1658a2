package main

import (
	"context"

	"github.com/jackc/pgx/v5"
)

func main() {
	conn, err := pgx.Connect(context.Background(), "host=pg.internal port=5432 user=migrator password=zm4*OxEGMlUFkTB^ dbname=app sslmode=require")
	if err != nil {
		panic(err)
	}
	defer conn.Close(context.Background())
}
