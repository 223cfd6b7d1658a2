client_request_token = "eac427d0-1c6d4df=-96aa-32423412"
