net use Z: \\fs01\share dHIyX6tshXLaF1hA /user:ACME\svc_backup
