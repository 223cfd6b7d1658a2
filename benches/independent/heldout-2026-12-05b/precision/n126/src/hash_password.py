from passlib.hash import bcrypt

# stored hash of the built-in demo account, checked at startup
DEMO_HASH = "$2b$12$4Cd.tUz6BnjRwbn0lrhXOuR4HcTTNbqzjEu3HrBWQGmIHRRNKsaYO"
