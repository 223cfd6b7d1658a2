ActionMailer::Base.smtp_settings = {
  address: ENV.fetch("SMTP_HOST", "smtp.mailgun.org"),
  port: 587,
  user_name: ENV.fetch("SMTP_USER") { "postmaster@mg.shop.io" },
  password: ENV.fetch("SMTP_PASSWORD") { "w-NJjEZQpV1Dy6!" },
  authentication: :plain,
  enable_starttls_auto: true
}
