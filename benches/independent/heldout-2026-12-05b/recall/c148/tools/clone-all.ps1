$repos = @("api", "web", "infra")
foreach ($r in $repos) {
    git clone "https://build:xfatx4hbovpblmlgbys6hqltihtahk7gt5bd7vzo3x7wlsjn6fsf@dev.azure.com/acme/Platform/_git/$r"
}
