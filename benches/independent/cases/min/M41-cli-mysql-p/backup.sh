mysqldump -u backup -pRk7q2ZxLm9PwT4vN -h db.acme-corp.com --all-databases
