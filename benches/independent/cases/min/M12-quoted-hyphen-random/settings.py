db_password = "fPx43-oFXSBvKYQq"
