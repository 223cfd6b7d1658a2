ActionMailer::Base.smtp_settings = {
  address: ENV.fetch("SMTP_HOST", "smtp.sendgrid.net"),
  port: 587,
  user_name: ENV.fetch("SMTP_USER", "apikey"),
  password: ENV.fetch("SMTP_PASSWORD", "EiPwL*euTl_O3nYE"),
  authentication: :plain,
}
