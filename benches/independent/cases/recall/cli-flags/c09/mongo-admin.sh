mongosh 'mongodb://mongo.acme-corp.com:27017/admin' -u admin -p dIdbY3QXKoFbKpo5 --eval 'db.stats()'
