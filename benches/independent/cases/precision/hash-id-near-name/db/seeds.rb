User.create!(email: "admin@example.com", password_digest: "$2a$12$X4meI9rn6Vsk8E241.SJBKwvOcrBdGrx4eJJRkBi9y9aUEr.WfDt9")
