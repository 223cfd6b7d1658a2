# -*- coding: latin-1 -*-
# Paramètres de connexion à la base de données (ne pas modifier sans l'équipe sécurité)
DB_HOST = "srv-données.local"
DB_PASSWORD = "k!C6v10HiKe~Mc50"
