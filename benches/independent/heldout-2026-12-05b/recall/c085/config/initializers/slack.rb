Slack.configure do |config|
  config.signing_secret = '7b0aed46a510f54b12390a2937eab8111298dc4c'
end
