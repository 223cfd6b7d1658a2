package aes

// FIPS-197 Appendix C.1
var fips197Key = "000102030405060708090a0b0c0d0e0f"
var fips197Plain = "00112233445566778899aabbccddeeff"
var fips197Cipher = "69c4e0d86a7b0430d8cdb78070b4c55a"
