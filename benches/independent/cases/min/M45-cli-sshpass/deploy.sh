sshpass -p 'Rk7q2ZxLm9PwT4vN' ssh deploy@10.0.0.5
