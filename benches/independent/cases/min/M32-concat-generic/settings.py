DB_PASSWORD = ("RehCvacP"
               "q7Xk2mLwZ")
