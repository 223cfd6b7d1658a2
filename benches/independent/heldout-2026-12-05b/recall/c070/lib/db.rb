require "sequel"

DB = Sequel.connect("postgres://svc_app:Zx@9dI2R*WJ*Zm@db.prod.internal/app")
