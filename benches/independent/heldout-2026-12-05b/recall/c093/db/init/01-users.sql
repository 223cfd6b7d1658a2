CREATE DATABASE metrics;
CREATE USER metrics_writer WITH PASSWORD 'w~#DSFa9bihQtX#0';
GRANT ALL PRIVILEGES ON DATABASE metrics TO metrics_writer;
