def jenkinsApiToken = "11b8983bcd9538c0a44601c32cee6c8ec1"
