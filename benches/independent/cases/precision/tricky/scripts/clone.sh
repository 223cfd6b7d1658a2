git clone "https://oauth2:${GITLAB_TOKEN}@gitlab.com/acme/app.git"
git clone https://x-access-token:$GITHUB_TOKEN@github.com/acme/app.git
