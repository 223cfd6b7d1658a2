import psycopg2

conn = psycopg2.connect("host=pg.acme-corp.com port=5432 dbname=app user=app password=uj8RqIBeMqcS%*6g sslmode=require")
