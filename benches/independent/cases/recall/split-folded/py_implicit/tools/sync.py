GITHUB_TOKEN = (
    "ghp_i2wac0LW5mvqXG"
    "kx9fLGPlMwdMMuhS1jBjLk"
)
