package webhook

const hmacSecret = "67f7216fc8b8c0f122e61c4e379e4d1d"
