package auth

var signingKey = []byte("048747d3a65a9861147e6466456ca77a7bdff513db2b0393")
