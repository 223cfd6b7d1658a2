$pw = ConvertTo-SecureString -String '6e25ajh7#SEhoO~S' -AsPlainText -Force
