client_request_token = "ea80218a-0307-4242-9d71-5f16b79bf0bb"
response = client.start_job_run(applicationId=app_id, clientToken=client_request_token)
