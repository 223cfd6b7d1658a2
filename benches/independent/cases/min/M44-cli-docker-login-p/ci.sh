docker login -u ci -p Rk7q2ZxLm9PwT4vN registry.acme-corp.com
