# -*- coding: latin-1 -*-
# Paramètres de la base de données : ne pas modifier à la main
MOT_DE_PASSE_BD = "L5J2KSuYvk6QY4V^"
DB_PASSWORD = "L5J2KSuYvk6QY4V^"
