-- development fixtures
INSERT INTO users (email, password_hash) VALUES
  ('admin@example.com', '$argon2id$v=19$m=65536,t=3,p=4$YBprFvlcshmAWA2a32FuNA$JntKWxLD16VgQG2HX+I1PfOdGFJ6LXn6HvXoWucoEEA');
