CONFIG = {
  :api_secret => "qq9PtrCqu4_2TrXz",
  :timeout => 30
}
