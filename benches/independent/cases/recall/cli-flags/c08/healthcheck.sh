redis-cli -h cache.acme-corp.com -a 1u-QsXGLbUIimneB ping
