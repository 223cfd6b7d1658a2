CREATE USER metrics_writer WITH PASSWORD 'w~#DSFa9bihQtX#0';
