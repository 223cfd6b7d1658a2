TOKEN = "ghp_sLmZuZQNdjYeZLVY" \
        "aRkciRO7q83c6S41odJ3"
