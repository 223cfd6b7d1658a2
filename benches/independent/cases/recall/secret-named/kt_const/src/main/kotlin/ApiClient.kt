package com.acme.api

private const val CLIENT_SECRET = "eIi8D*vjQY3XOQVG"

class ApiClient
