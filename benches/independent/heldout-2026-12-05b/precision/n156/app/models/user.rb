class User < ApplicationRecord
  has_secure_password
  has_secure_token :api_token
  PASSWORD_FORMAT = /\A(?=.{12,})(?=.*\d)(?=.*[a-z])(?=.*[A-Z])/x
end
