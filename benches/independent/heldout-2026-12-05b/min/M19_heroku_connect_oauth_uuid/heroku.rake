heroku = PlatformAPI.connect_oauth("c7082253-e220-4b20-8ea1-b33d6ed87263")
