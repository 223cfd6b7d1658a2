az login --service-principal -u 0b5c6f2e-7a1d-4c8e-9f3a-2d6b8e1c4a7f -p af*b-k7eIqbZXaiw --tenant acme.onmicrosoft.com
