INSERT INTO users (email, password) VALUES ('a@acme-corp.com', '$argon2id$v=19$m=65536,t=3,p=4$+vHOLIwpls4zSJP1RhBJwB$rAJxLc/wnwg5WGpVctj0gZJFQF75N/itB5TT7ZyvFnT');
