$pass = if ($env:SA_PASSWORD) { $env:SA_PASSWORD } else { 'vHA^iW232nzWc^2z' }
