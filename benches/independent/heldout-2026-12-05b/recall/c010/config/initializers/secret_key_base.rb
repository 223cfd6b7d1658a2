# frozen_string_literal: true

Rails.application.configure do
  config.secret_key_base = ENV.fetch("SECRET_KEY_BASE", "3685e96f72ccf3bca1d30ca9d53f41acc431399215673c67be64db90aec7f9ebd2d889d746d2524b4623c744a4322d0be44c8eaedb8d25924fc578c47bba3efa")
end
