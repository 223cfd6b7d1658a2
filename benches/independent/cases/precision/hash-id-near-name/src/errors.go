var ErrInvalidToken = errors.New("invalid token")
var ErrPasswordTooShort = errors.New("password must be at least 12 characters")
