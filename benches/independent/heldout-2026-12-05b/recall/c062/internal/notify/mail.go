package notify

import "net/url"

var smtpURL, _ = url.Parse("smtp://alerts%40acme.io:bFO*844ZLrd*~R2K@smtp.office365.com:587")
