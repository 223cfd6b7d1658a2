class ApiToken(Model):
    token_id = "f0717864-2831-4b2d-9a25-ec605d920d98"
    password_hash = "$2b$12$cG9.Ejsv.0dRPVEDGgEaTNgjjAlhyGwnUnhXOQLNSOgB8Am3Mk4.A"
