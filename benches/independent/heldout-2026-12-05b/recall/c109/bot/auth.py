TOKEN = "".join([
    "gho_1Qwh3P3nOP",
    "DV6usEgtz2vJEU",
    "Til1a52xyslR",
])
